import { z } from 'zod';
import type { PortalApp } from '../plugin.ts';
import { commonErrors } from '../schemas.ts';
import { scopeOf } from '../scope.ts';
import { meterSchema, presentMeter } from './presenter.ts';
import { loadMeters } from './repository.ts';

export const metersAnswer = z.object({ meters: z.array(meterSchema) });
export type MetersAnswer = z.infer<typeof metersAnswer>;

export function meterRoutes(app: PortalApp): void {
  app.get(
    '/meters',
    {
      schema: {
        tags: ['portal'],
        summary: 'Meters of the customer’s service points with legalization expiry, status and what it means',
        description: 'Current meters first; replaced meters follow with active = false.',
        response: { 200: metersAnswer, ...commonErrors },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const meters = await loadMeters(app.dependencies.database.db, scope);
      return { meters: meters.map((meter) => presentMeter(meter, scope.today)) };
    },
  );
}
