import { meterOut } from '../customers/schemas.ts';
import { API, type BackofficeApp } from '../shared/app.ts';
import { staffContextOf } from '../shared/context.ts';
import { changeErrors, idParams, pageQuery, readErrors } from '../shared/schemas.ts';
import { installMeter, removeMeter, replaceMeter, updateMeter } from './changes.ts';
import {
  meterDetail as meterDetailSchema,
  meterInstall,
  meterListQuery,
  meterPage,
  meterRemove,
  meterReplace,
  meterUpdate,
  replaceAnswer,
} from './schemas.ts';
import { listMeters, meterDetail } from './service.ts';

const tags = ['back office: meters'];

export function meterRoutes(app: BackofficeApp): void {
  app.get(
    `${API}/meters`,
    {
      schema: {
        tags,
        summary: 'Meters by serial prefix, service point or state, with legalization status',
        querystring: meterListQuery.extend(pageQuery.shape),
        response: { 200: meterPage, ...readErrors },
      },
    },
    async (request) => {
      const context = staffContextOf(request);
      return listMeters(context.database.db, request.query, request.query, context.today);
    },
  );

  app.get(
    `${API}/meters/:id`,
    {
      schema: {
        tags,
        summary: 'A meter with its service point and latest readings',
        params: idParams,
        response: { 200: meterDetailSchema, ...readErrors },
      },
    },
    async (request) => {
      const context = staffContextOf(request);
      return meterDetail(context.database.db, request.params.id, context.today, context.language);
    },
  );

  app.post(
    `${API}/service-points/:id/meters`,
    {
      schema: {
        tags,
        summary: 'Install a meter at a service point, with its legalization data (audited)',
        params: idParams,
        body: meterInstall,
        response: { 201: meterOut, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await installMeter(staffContextOf(request), request.params.id, request.body)),
  );

  app.post(
    `${API}/meters/:id/replace`,
    {
      schema: {
        tags,
        summary:
          'Replace a meter: final reading of the old one, the new one installed the same day (one transaction, audited)',
        params: idParams,
        body: meterReplace,
        response: { 200: replaceAnswer, ...changeErrors },
      },
    },
    async (request) => replaceMeter(staffContextOf(request), request.params.id, request.body),
  );

  app.post(
    `${API}/meters/:id/remove`,
    {
      schema: {
        tags,
        summary: 'Remove a meter with its final reading (audited)',
        params: idParams,
        body: meterRemove,
        response: { 200: meterOut, ...changeErrors },
      },
    },
    async (request) => removeMeter(staffContextOf(request), request.params.id, request.body),
  );

  app.patch(
    `${API}/meters/:id`,
    {
      schema: {
        tags,
        summary: 'Correct meter data: serial, register digits, legalization year and expiry (audited)',
        params: idParams,
        body: meterUpdate,
        response: { 200: meterOut, ...changeErrors },
      },
    },
    async (request) => updateMeter(staffContextOf(request), request.params.id, request.body),
  );
}
