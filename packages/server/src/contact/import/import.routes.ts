import { z } from 'zod';
import type { Context } from '../../context.js';
import { route } from '../../http/route.js';
import { idParam } from '../../http/schemas.js';
import { importSchema } from '../contact.schemas.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readCsvUpload } from './import-csv.js';
import { cancelImport, checkImport, getImport, startImport, uploadImport } from './import.service.js';

const problem = z.object({ row: z.number(), column: z.string().nullable(), message: z.string() });
const MB = MAX_IMPORT_BYTES / (1024 * 1024);

export const contactImportRoutes = (ctx: Context) => [
  route({
    method: 'POST',
    url: '/api/v1/contact-imports',
    operationId: 'uploadContactImport',
    summary: `Upload a CSV file of contacts (UTF-8, up to ${MB} MB and ${MAX_IMPORT_ROWS.toLocaleString('en')} rows): its columns, a suggested mapping and the first rows; nothing is imported yet (admins)`,
    tag: 'contacts',
    auth: 'operator',
    multipart: true,
    status: 201,
    response: z.object({
      import: importSchema,
      headers: z.array(z.string()),
      suggested: z.array(z.string()).describe('Per column: name, email, phone, company, avatar, labels, attribute:<key> or skip'),
      sample: z.array(z.array(z.string())).describe('The first rows'),
    }),
    handler: async ({ operator, req }) => {
      const { name, text } = await readCsvUpload(req, MAX_IMPORT_BYTES);
      return uploadImport(ctx, operator!, { name, text });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/contact-imports/:id',
    operationId: 'getContactImport',
    summary: 'An import: its status, how far it went, the refused rows (admins)',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    response: importSchema,
    handler: async ({ operator, params }) => getImport(ctx, operator!, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/v1/contact-imports/:id/check',
    operationId: 'checkContactImport',
    summary:
      'Check every row with a mapping (one target per column): what importing would create, update or leave, and the refused rows with why; nothing is written (admins)',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    body: z.object({ mapping: z.array(z.string().max(60)).max(500) }),
    response: z.object({
      import: importSchema,
      report: z.object({
        rows: z.number(),
        valid: z.number(),
        creates: z.number(),
        updates: z.number(),
        unchanged: z.number(),
        refused: z.number(),
        problems: z.array(problem).describe('At most the first 1,000'),
      }),
    }),
    handler: async ({ operator, params, body }) => checkImport(ctx, operator!, params.id, body.mapping),
  }),
  route({
    method: 'POST',
    url: '/api/v1/contact-imports/:id/start',
    operationId: 'startContactImport',
    summary:
      'Import the valid rows of a checked file, all or nothing (or retry one that failed): contacts matched by email are updated, the others created; progress comes live as `contactImport` frames (admins)',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    response: importSchema,
    handler: async ({ operator, params }) => startImport(ctx, operator!, params.id),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/contact-imports/:id',
    operationId: 'cancelContactImport',
    summary: 'Cancel an import that is not done: nothing of it ever shows (admins)',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    response: importSchema,
    handler: async ({ operator, params }) => cancelImport(ctx, operator!, params.id),
  }),
];
