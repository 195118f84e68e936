/** The OpenAPI 3.1 document, generated from the route values and their zod schemas. */
import { z } from 'zod';
import type { RouteDef } from './route.js';
import { errorSchema } from './schemas.js';

const toJson = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = toJson(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

export function buildOpenApi(routes: RouteDef[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      responses: {
        [String(r.status ?? 200)]: {
          description: 'Success',
          ...(r.response ? { content: { 'application/json': { schema: toJson(r.response, 'output') } } } : {}),
        },
        default: { description: 'Error', content: { 'application/json': { schema: toJson(errorSchema, 'output') } } },
      },
    };
    if (r.auth !== 'none') op.security = r.auth === 'visitor' ? [{ visitorToken: [] }] : [{ session: [] }, { cookie: [] }];
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: toJson(r.body, 'input') } } };
    if (r.multipart) {
      op.requestBody = {
        required: true,
        content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } },
      };
    }
    paths[path] = { ...paths[path], [r.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Switchboard API', version, description: 'Live chat: conversations, messages, operators, inboxes and contacts.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', description: 'Operator session token from POST /api/v1/auth/login' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'sb_session' },
        visitorToken: { type: 'http', scheme: 'bearer', description: 'Visitor token from POST /api/v1/widget/session, with the X-Website-Key header' },
      },
    },
    paths,
  };
}
