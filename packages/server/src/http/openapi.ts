/**
 * The OpenAPI 3.1 document, generated from the route values and their zod
 * schemas. Every operation has a stable operationId, its security requirement
 * and the error answers it can give, each with the one error schema. Linted
 * with Redocly's recommended rules in the test suite.
 */
import { z } from 'zod';
import { scopeOf, takesTokens } from '../api-token/api-token.js';
import type { RouteDef } from './route.js';
import { errorSchema } from './schemas.js';

const toJson = (s: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _dialect, ...json } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
};

const TAGS: Record<string, string> = {
  auth: 'Operator sign-in, sessions and invites',
  operators: 'The operators of a workspace, their roles and presence',
  inboxes: 'Website inboxes: the widget each one embeds and its settings',
  conversations: 'Inbox views, history, replies, assignment and status',
  contacts: 'Contacts and the visitors behind them',
  search: 'One search over messages, private notes and contacts, scoped to what the operator may see',
  attachments: 'Files sent with messages',
  widget: 'What the website widget calls, as a visitor',
  labels: 'Workspace labels and the conversations that carry them',
  teams: 'Teams of operators (who shares team canned responses)',
  routing: 'The waiting queue, priority, and how teams hand out conversations: assignment mode, capacity, answer time limit',
  sla: 'SLA policies: first response, next response and resolution targets, chosen per inbox, per team or by a rule',
  hours: 'Business hours of teams (time zone, week, holidays), shifts of operators, and the Team overview',
  macros: 'Macros: a named list of actions (send a message, assign, set the status…) run on a conversation in one go',
  rules: 'Workspace rules: when (an event) if (conditions) then (actions), in order, with their last run and last error',
  visitors: 'Visitors on the site: their visits, the pages they viewed, and starting a chat with one',
  email: 'Outgoing email: the workspace’s SMTP server, from address, reply domain and the test mail',
  'email-inbound': 'Email inboxes, the relay secret, and the endpoint a mail relay posts received mail to',
  tasks: 'Tasks and reminders on conversations and contacts: an assignee, a due time, done or snoozed; a reminder when due',
  webhooks: 'Webhook endpoints (Standard Webhooks: signed, retried for about a day), their delivery log and resend',
  bots: 'Agent bots: one per inbox, told of new conversations and visitor messages by webhook; they answer and hand over with their own token',
  'canned-responses': 'Canned responses: saved replies with a /shortcut, personal, team or workspace; search, CSV import and export',
  assist: 'The assist engine: the workspace’s optional language model (any OpenAI-compatible endpoint; the key stored encrypted, never returned)',
  products: 'The product catalogue: products (the shop’s own ids, prices in minor units), related products, CSV import, checked image copies',
  'api-tokens': 'API tokens of the workspace, with their scopes (owners and admins, signed in: a token never manages tokens)',
};

const ERRORS: Record<string, string> = {
  '400': 'The request is malformed or a field is invalid (`bad_request`, `validation_failed`)',
  '401': 'Not signed in, or the session or visitor token is not valid (`unauthorized`)',
  '403': 'The caller may not do this (`forbidden`), or the API token lacks the scope (`insufficient_scope`, `error.details.scope` names it)',
  '404': 'Nothing with this id in the caller’s workspace (`not_found`)',
  '409': 'The change conflicts with the current state (`conflict`)',
  '413': 'The body or file is too large (`too_large`)',
  '415': 'The body is not of a type this operation takes (`unsupported_media_type`)',
  '429': 'Too many requests; try again after `Retry-After` seconds (`rate_limited`)',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } } };

function errorsOf(r: RouteDef): string[] {
  const codes = new Set<string>();
  if (r.params || r.query || r.body || r.multipart || r.raw) codes.add('400');
  if (r.auth !== 'none' || botRoute(r) || r.secret) codes.add('401');
  if (r.auth === 'operator' || r.auth === 'operator-or-visitor') codes.add('403');
  if (r.params || r.auth === 'visitor') codes.add('404');
  if (r.method !== 'GET') codes.add('409');
  if (r.body || r.multipart || r.raw) {
    codes.add('413');
    codes.add('415');
  }
  if (r.limit || r.multipart || takesTokens(r)) codes.add('429');
  return [...codes].sort();
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = toJson(schema, 'input') as { properties?: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(s.description ? { description: s.description } : {}),
    schema: s,
  }));
}

/** The agent-bot API checks the bot's own token in its handlers (webhook/bot.service.ts). */
const botRoute = (r: RouteDef) => r.url.startsWith('/api/v1/bot/');

function security(r: RouteDef): Record<string, string[]>[] {
  if (botRoute(r)) return [{ botToken: [] }];
  if (r.secret) return [{ [r.secret]: [] }];
  if (r.auth === 'none') return [];
  if (r.auth === 'visitor') return [{ visitorToken: [], websiteKey: [] }];
  const operator: Record<string, string[]>[] = [{ session: [] }, { cookie: [] }, ...(takesTokens(r) ? [{ apiToken: [scopeOf(r)] }] : [])];
  return r.auth === 'operator' ? operator : [...operator, { visitorToken: [], websiteKey: [] }];
}

export function buildOpenApi(routes: RouteDef[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const responses: Record<string, unknown> = {};
    if (r.response) responses[String(r.status ?? 200)] = { description: 'Success', content: { 'application/json': { schema: toJson(r.response, 'output') } } };
    // Without an answer schema, a GET sends a file and anything else answers 204.
    else if (r.method === 'GET')
      responses['200'] = { description: 'The file', content: { [r.produces ?? 'application/octet-stream']: { schema: { type: 'string', format: 'binary' } } } };
    else responses['204'] = { description: 'Done' };
    if (r.redirects) {
      responses['308'] = {
        description:
          'It was merged into another (`moved`): `Location` is the same operation on the survivor (follow it, with the same method and body); `error.details.mergedInto` names it',
        headers: { Location: { description: 'The same path on the survivor', schema: { type: 'string' } } },
        ...error,
      };
    }
    for (const code of errorsOf(r)) responses[code] = { description: ERRORS[code], ...(code === '429' ? { headers: RETRY_AFTER } : {}), ...error };
    const op: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      security: security(r),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      responses,
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: toJson(r.body, 'input') } } };
    if (r.raw) op.requestBody = { required: true, content: { [r.raw]: { schema: { type: 'string', format: 'binary' } } } };
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
    info: {
      title: 'Switchboard API',
      version,
      description: 'Live chat: conversations, messages, operators, inboxes and contacts. Errors are `{ "error": { "code", "message" } }` with a stable code.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This Switchboard server' }],
    tags: [...new Set(routes.map((r) => r.tag))].sort().map((name) => ({ name, description: TAGS[name] ?? name })),
    components: {
      schemas: { Error: toJson(errorSchema, 'output') },
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', description: 'Operator session token from POST /api/v1/auth/login' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'sb_session', description: 'The console’s session cookie (set by sign-in)' },
        visitorToken: { type: 'http', scheme: 'bearer', description: 'Visitor token from POST /api/v1/widget/session' },
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'sb_…',
          description:
            'An API token of the workspace (Settings → API), acting as its creator (an admin at most). Each operation lists the one scope it needs: `<tag>:read` for GET, `<tag>:write` otherwise; write implies read. Answers carry `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers); beyond the limit, 429 with `Retry-After`.',
        },
        websiteKey: { type: 'apiKey', in: 'header', name: 'X-Website-Key', description: 'The website key of the visitor’s inbox' },
        botToken: { type: 'http', scheme: 'bearer', description: 'An agent bot’s token (sbb_...), shown once by POST /api/v1/bots' },
        relaySecret: { type: 'http', scheme: 'bearer', description: 'The workspace’s relay secret (sbr_…) from POST /api/v1/email/relay/secret' },
      },
    },
    paths,
  };
}
