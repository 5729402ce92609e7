import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts this chart needs, so the chunk stays small; the canvas renderer needs no inline styles (CSP).
use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  /** Cubic metres per month (numbers for drawing only; the table next to the chart has the exact values). */
  values: number[];
  colour: string;
}

/** Monthly bars; decorative for assistive technology, which reads the table beside it. */
export default function ConsumptionChart({ months, series }: { months: string[]; series: ChartSeries[] }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
        legend: { top: 0, textStyle: { color: '#1b1f24', fontSize: 13 } },
        tooltip: {
          trigger: 'axis',
          valueFormatter: (value: unknown) =>
            typeof value === 'number' ? `${value.toFixed(3).replace('.', ',')} m³` : '',
        },
        xAxis: { type: 'category', data: months, axisLabel: { color: '#4a5561' } },
        yAxis: { type: 'value', name: 'm³', axisLabel: { color: '#4a5561' } },
        series: series.map((item) => ({
          type: 'bar',
          name: item.name,
          data: item.values,
          itemStyle: { color: item.colour },
        })),
      },
      { notMerge: true },
    );
  }, [months, series]);

  return <div ref={container} className="usage-chart__canvas" aria-hidden="true" />;
}
