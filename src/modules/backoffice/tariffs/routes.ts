import { z } from 'zod';
import { adminOnly } from '../shared/access.ts';
import { API, type BackofficeApp } from '../shared/app.ts';
import { staffContextOf } from '../shared/context.ts';
import { changeErrors, idParams, readErrors } from '../shared/schemas.ts';
import {
  tariffCreate,
  tariffList,
  tariffNewVersion,
  tariffOut,
  tariffQuery,
  tariffUpdate,
} from './schemas.ts';
import { createTariff, createTariffVersion, deleteTariff, listTariffs, updateTariff } from './service.ts';

const tags = ['back office: tariffs'];
const created = tariffOut.omit({ validTo: true, state: true });

export function tariffRoutes(app: BackofficeApp): void {
  app.get(
    `${API}/tariffs`,
    {
      schema: {
        tags,
        summary: 'Tariff versions per customer group, oldest first, with validity, state and whether used',
        querystring: tariffQuery,
        response: { 200: tariffList, ...readErrors },
      },
    },
    async (request) => {
      const context = staffContextOf(request);
      return listTariffs(context.database.db, request.query.customerGroup, context.today);
    },
  );

  app.post(
    `${API}/tariffs`,
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Enter a tariff version ahead of time (admin)',
        body: tariffCreate,
        response: { 201: created, ...changeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await createTariff(staffContextOf(request), request.body)),
  );

  app.post(
    `${API}/tariffs/:id/versions`,
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'New version from an existing one: its prices with what is sent, from a new date (admin)',
        params: idParams,
        body: tariffNewVersion,
        response: { 201: created, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createTariffVersion(staffContextOf(request), request.params.id, request.body)),
  );

  app.patch(
    `${API}/tariffs/:id`,
    {
      config: adminOnly,
      schema: {
        tags,
        summary:
          'Edit a version no invoice has used yet (admin); 409 for a used one: create a new version instead',
        params: idParams,
        body: tariffUpdate,
        response: { 200: created, ...changeErrors },
      },
    },
    async (request) => updateTariff(staffContextOf(request), request.params.id, request.body),
  );

  app.delete(
    `${API}/tariffs/:id`,
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Withdraw an unused version (admin)',
        params: idParams,
        response: { 204: z.null().describe('Deleted.'), ...changeErrors },
      },
    },
    async (request, reply) => {
      await deleteTariff(staffContextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
