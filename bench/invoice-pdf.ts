/**
 * Invoice PDF throughput on one core: renders N invoices (default 500) one after another after a warm-up and
 * prints PDFs per second of wall time and per second of CPU time (the second is steadier on a busy machine).
 *   node --import tsx bench/invoice-pdf.ts [count] [--correction]
 */
import { renderInvoicePdf } from '../src/adapters/pdf/invoice-pdf.ts';
import { sampleCorrection, sampleInvoice } from '../src/adapters/pdf/sample-documents.ts';
import type { InvoiceDocument } from '../src/modules/invoices/document.ts';

const count = Number(process.argv.find((argument) => /^\d+$/.test(argument)) ?? 500);
const correction = process.argv.includes('--correction');
const WARM_UP = 30;

// Different buyers and numbers on every invoice, as in a billing run: nothing is reused by accident.
function documentNumber(index: number): InvoiceDocument {
  const base = correction ? sampleCorrection() : sampleInvoice();
  return {
    ...base,
    number: `FV/2026/11/${String(index).padStart(6, '0')}`,
    buyer: { ...base.buyer, name: `Klient ${index} Żółć-${(index * 7919) % 100_000}` },
  };
}

for (let index = 0; index < WARM_UP; index += 1) await renderInvoicePdf(documentNumber(index));

let bytes = 0;
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
for (let index = 0; index < count; index += 1) {
  bytes += (await renderInvoicePdf(documentNumber(WARM_UP + index))).length;
}
const wallSeconds = (performance.now() - wallStart) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

console.log(
  [
    `${correction ? 'correcting invoices' : 'invoices'}: ${count}`,
    `wall: ${wallSeconds.toFixed(2)} s, ${(count / wallSeconds).toFixed(1)} PDFs/s`,
    `cpu: ${cpuSeconds.toFixed(2)} s, ${(count / cpuSeconds).toFixed(1)} PDFs per CPU-second`,
    `average size: ${(bytes / count / 1024).toFixed(1)} KiB`,
  ].join('\n'),
);
