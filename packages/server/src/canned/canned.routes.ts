import { z } from 'zod';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { cannedQuery, cannedSchema, createCannedInput, updateCannedInput } from './canned.js';
import { exportCannedResponses, importCannedResponses } from './canned-import.js';
import type { CannedSearch } from './canned-search.js';
import { createCanned, deleteCanned, getCanned, listCannedFor, searchCannedFor, updateCanned } from './canned.service.js';

export const cannedRoutes = (ctx: Context, search: CannedSearch) => [
  route({
    method: 'GET',
    url: '/api/v1/canned-responses',
    operationId: 'listCannedResponses',
    summary:
      'With `q`: the best matches you may use, ranked (shortcuts that start with it first, typos forgiven). Without: every canned response you see or may change, by shortcut',
    tag: 'canned-responses',
    auth: 'operator',
    query: cannedQuery,
    response: z.object({ items: z.array(cannedSchema) }),
    handler: async ({ operator, query }) => ({
      items: query.q === undefined ? await listCannedFor(ctx, operator!) : await searchCannedFor(search, operator!, query.q, query.limit),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/canned-responses',
    operationId: 'createCannedResponse',
    summary: 'Create a canned response: personal (yours), team (its members and admins) or workspace (admins)',
    tag: 'canned-responses',
    auth: 'operator',
    body: createCannedInput,
    status: 201,
    response: cannedSchema,
    handler: async ({ operator, body }) => createCanned(ctx, search, operator!, body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/canned-responses/export',
    operationId: 'exportCannedResponses',
    summary: 'Every canned response you see or may change, as CSV (shortcut, title, body, scope, team)',
    tag: 'canned-responses',
    auth: 'operator',
    handler: async ({ operator, reply }) => {
      const csv = await exportCannedResponses(ctx, operator!);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="canned-responses.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/canned-responses/import',
    operationId: 'importCannedResponses',
    summary: 'Import a CSV file (the export’s columns), all or nothing: any bad row refuses the file, with every problem by row number',
    tag: 'canned-responses',
    auth: 'operator',
    multipart: true,
    response: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
    handler: async ({ operator, req }) => {
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the CSV file as multipart/form-data');
      const part = await req.file({ limits: { fileSize: 5 * 1024 * 1024, files: 1 } });
      if (!part) throw new AppError('bad_request', 'No file in the upload');
      const data = await part.toBuffer().catch((err: { code?: string }) => {
        throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? new AppError('too_large', 'CSV files are limited to 5 MB') : err;
      });
      return importCannedResponses(ctx, search, operator!, data.toString('utf8'));
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/canned-responses/:id',
    operationId: 'getCannedResponse',
    summary: 'One canned response',
    tag: 'canned-responses',
    auth: 'operator',
    params: idParam,
    response: cannedSchema,
    handler: async ({ operator, params }) => getCanned(ctx, operator!, params.id),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/canned-responses/:id',
    operationId: 'updateCannedResponse',
    summary: 'Change a canned response (its shortcut, title, text or scope)',
    tag: 'canned-responses',
    auth: 'operator',
    params: idParam,
    body: updateCannedInput,
    response: cannedSchema,
    handler: async ({ operator, params, body }) => updateCanned(ctx, search, operator!, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/canned-responses/:id',
    operationId: 'deleteCannedResponse',
    summary: 'Delete a canned response',
    tag: 'canned-responses',
    auth: 'operator',
    params: idParam,
    handler: async ({ operator, params }) => deleteCanned(ctx, search, operator!, params.id),
  }),
];
