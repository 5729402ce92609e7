import { API, type BackofficeApp } from '../shared/app.ts';
import { staffContextOf } from '../shared/context.ts';
import { changeErrors, idParams, pageQuery, readErrors } from '../shared/schemas.ts';
import {
  contractCreate,
  contractOut,
  contractUpdate,
  servicePointCreate,
  servicePointDetail as servicePointDetailSchema,
  servicePointPage,
  servicePointSearch,
  servicePointUpdate,
} from './schemas.ts';
import { createContract, updateContract } from './contracts.ts';
import { createServicePoint, listServicePoints, servicePointDetail, updateServicePoint } from './service.ts';

const tags = ['back office: service points and contracts'];

export function servicePointRoutes(app: BackofficeApp): void {
  app.get(
    `${API}/service-points`,
    {
      schema: {
        tags,
        summary:
          'Service points by code or address (as you type), with the holder today and the active main meter',
        querystring: servicePointSearch.extend(pageQuery.shape),
        response: { 200: servicePointPage, ...readErrors },
      },
    },
    async (request) => {
      const context = staffContextOf(request);
      return listServicePoints(context.database.db, request.query.q, request.query, context.today);
    },
  );

  app.post(
    `${API}/service-points`,
    {
      schema: {
        tags,
        summary: 'Create a service point (audited)',
        body: servicePointCreate,
        response: { 201: servicePointDetailSchema, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createServicePoint(staffContextOf(request), request.body)),
  );

  app.get(
    `${API}/service-points/:id`,
    {
      schema: {
        tags,
        summary: 'A service point: contracts (history), meters (history) with their latest readings',
        params: idParams,
        response: { 200: servicePointDetailSchema, ...readErrors },
      },
    },
    async (request) => {
      const context = staffContextOf(request);
      return servicePointDetail(context.database.db, request.params.id, context.today, context.language);
    },
  );

  app.patch(
    `${API}/service-points/:id`,
    {
      schema: {
        tags,
        summary: 'Edit a service point: address, customer group, billing cycle, estimate norm (audited)',
        params: idParams,
        body: servicePointUpdate,
        response: { 200: servicePointDetailSchema, ...changeErrors },
      },
    },
    async (request) => updateServicePoint(staffContextOf(request), request.params.id, request.body),
  );

  app.post(
    `${API}/contracts`,
    {
      schema: {
        tags,
        summary:
          'Sign a contract of a customer for a service point (no overlap with another contract of the point)',
        body: contractCreate,
        response: { 201: contractOut, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createContract(staffContextOf(request), request.body)),
  );

  app.patch(
    `${API}/contracts/:id`,
    {
      schema: {
        tags,
        summary:
          'Change the services of a contract or end it (validTo); refused when it would cut an invoiced period',
        params: idParams,
        body: contractUpdate,
        response: { 200: contractOut, ...changeErrors },
      },
    },
    async (request) => updateContract(staffContextOf(request), request.params.id, request.body),
  );
}
