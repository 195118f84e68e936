/**
 * API tokens over real HTTP: created in a workspace by an admin, shown once,
 * used as `Authorization: Bearer sb_…` within their scopes, refused beyond
 * them (403 `insufficient_scope`), limited per token with RateLimit headers
 * and 429, revoked (401), and blind to every other workspace.
 */
import { PROTOCOL_VERSION } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createPgSchema, hasPostgres, PG_URL } from '../../../test/support/services.js';
import { scopeOf, takesTokens, tokenResources } from '../src/api-token/api-token.js';
import { ManualClock } from '../src/clock.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

const LIMIT = 5;
const clock = new ManualClock(Date.now());
let s: TestServer;
let owner: string;

interface Created {
  token: string;
  apiToken: { id: string; name: string; scopes: string[]; prefix: string; createdAt: number; lastUsedAt: number | null };
}

async function createToken(scopes: string[], session = owner, name = 'Zapier') {
  return api<Created>(s.url, '/api/v1/api-tokens', { token: session, body: { name, scopes } });
}

/** What the calls below read of an answer (a file's body is null). */
interface Answer {
  error: { code: string; message: string; details?: unknown };
  items: { id: string; name: string }[];
}

async function call(token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${s.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  // Files (CSV exports, transcripts) come back as they are.
  const json = res.headers.get('content-type')?.startsWith('application/json');
  return { status: res.status, headers: res.headers, body: (json && text ? JSON.parse(text) : null) as Answer };
}

beforeAll(async () => {
  s = await startTestServer({ deps: { clock }, env: { API_TOKEN_RATE_LIMIT: String(LIMIT) } });
  owner = await login(s.url);
});
afterAll(() => s.close());

describe('creating and listing', () => {
  it('shows the token once; the list has its name, scopes, prefix and dates, never the token', async () => {
    const r = await createToken(['contacts:read', 'conversations:write']);
    expect(r.status).toBe(201);
    expect(r.body.token).toMatch(/^sb_[0-9A-Za-z]{43}$/);
    expect(r.body.apiToken).toMatchObject({ name: 'Zapier', scopes: ['contacts:read', 'conversations:write'], lastUsedAt: null });
    expect(r.body.token.startsWith(r.body.apiToken.prefix)).toBe(true);
    const list = await api<{ items: Created['apiToken'][]; resources: string[] }>(s.url, '/api/v1/api-tokens', { token: owner });
    expect(list.body.items.map((t) => t.id)).toContain(r.body.apiToken.id);
    expect(JSON.stringify(list.body)).not.toContain(r.body.token);
    expect(list.body.resources).toEqual(expect.arrayContaining(['contacts', 'conversations', 'inboxes', 'operators', 'teams']));
    expect(list.body.resources).not.toContain('auth');
    expect(list.body.resources).not.toContain('api-tokens');
    // Stored hashed only.
    const rows = await s.app.ctx.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(r.body.token);
  });

  it('refuses scopes of resources that do not exist, and operators below admin', async () => {
    const bad = await createToken(['spaceships:read']);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'validation_failed', details: [{ path: 'scopes.0' }] } });
    expect((await createToken(['contacts:delete'])).status).toBe(400);
    await api(s.url, '/api/v1/operators', {
      token: owner,
      body: { email: 'sup-tok@example.com', name: 'Sup', role: 'supervisor', password: 'lantern-orchard-basalt' },
    });
    const supervisor = await login(s.url, { email: 'sup-tok@example.com', password: 'lantern-orchard-basalt' });
    expect((await createToken(['contacts:read'], supervisor)).status).toBe(403);
  });
});

describe('using a token', () => {
  it('reads and writes within its scopes and records when it was last used', async () => {
    const { body } = await createToken(['conversations:write', 'contacts:read']);
    const list = await call(body.token, '/api/v1/conversations');
    expect(list.status).toBe(200);
    expect((await call(body.token, '/api/v1/contacts')).status).toBe(200);
    const tokens = await api<{ items: Created['apiToken'][] }>(s.url, '/api/v1/api-tokens', { token: owner });
    expect(tokens.body.items.find((t) => t.id === body.apiToken.id)?.lastUsedAt).toBe(clock.now());
  });

  it('refuses a route beyond its scopes with 403 insufficient_scope naming the scope', async () => {
    const { body } = await createToken(['contacts:read']);
    const write = await call(body.token, '/api/v1/contacts', { body: { name: 'Noor', email: 'noor@example.com' } });
    expect(write.status).toBe(403);
    expect(write.body.error).toMatchObject({ code: 'insufficient_scope', details: { scope: 'contacts:write' } });
    expect(write.body.error.message).toContain('contacts:write');
    const other = await call(body.token, '/api/v1/inboxes');
    expect(other.status).toBe(403);
    expect(other.body.error.details).toEqual({ scope: 'inboxes:read' });
  });

  it('write implies read, and acts as an admin: it may create an inbox, never an owner', async () => {
    const { body } = await createToken(['inboxes:write', 'operators:write']);
    expect((await call(body.token, '/api/v1/inboxes')).status).toBe(200);
    const inbox = await call(body.token, '/api/v1/inboxes', { body: { name: 'From the API' } });
    expect(inbox.status).toBe(201);
    const makeOwner = await call(body.token, '/api/v1/operators', { body: { email: 'new-owner@example.com', name: 'Ned', role: 'owner' } });
    expect(makeOwner.status).toBe(403);
    expect(makeOwner.body.error.code).toBe('forbidden');
  });

  it('never signs in, reads its own profile or manages tokens', async () => {
    const { body } = await createToken(['operators:write']);
    expect((await call(body.token, '/api/v1/auth/me')).status).toBe(403);
    expect((await call(body.token, '/api/v1/api-tokens')).status).toBe(403);
    const mint = await call(body.token, '/api/v1/api-tokens', { body: { name: 'Child', scopes: ['operators:write'] } });
    expect(mint.status).toBe(403);
    expect(mint.body.error.code).toBe('forbidden');
  });

  it('is refused on the realtime socket (tokens are for the REST API)', async () => {
    const { body } = await createToken(['conversations:write']);
    const ws = await rawClient(s.wsUrl);
    ws.send({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'operator', token: body.token } });
    expect(await ws.next('refused')).toMatchObject({ reason: 'unauthorized' });
    expect(ws.frames.some((f) => f.type === 'welcome')).toBe(false);
    ws.ws.close();
  });

  it('gets 401 for a token that does not exist', async () => {
    const r = await call('sb_0000000000000000000000000000000000000000000', '/api/v1/conversations');
    expect(r.status).toBe(401);
  });
});

describe('revoking', () => {
  it('takes the token off the list and its next call gets 401', async () => {
    const { body } = await createToken(['conversations:read']);
    expect((await call(body.token, '/api/v1/conversations')).status).toBe(200);
    expect((await api(s.url, `/api/v1/api-tokens/${body.apiToken.id}`, { method: 'DELETE', token: owner })).status).toBe(204);
    const after = await call(body.token, '/api/v1/conversations');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
    const list = await api<{ items: { id: string }[] }>(s.url, '/api/v1/api-tokens', { token: owner });
    expect(list.body.items.map((t) => t.id)).not.toContain(body.apiToken.id);
    expect((await api(s.url, `/api/v1/api-tokens/${body.apiToken.id}`, { method: 'DELETE', token: owner })).status).toBe(404);
  });

  it('stops when its creator is disabled', async () => {
    const created = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
      token: owner,
      body: { email: 'adm-tok@example.com', name: 'Ada', role: 'admin', password: 'lantern-orchard-basalt' },
    });
    const admin = await login(s.url, { email: 'adm-tok@example.com', password: 'lantern-orchard-basalt' });
    const { body } = await createToken(['conversations:read'], admin);
    expect((await call(body.token, '/api/v1/conversations')).status).toBe(200);
    await api(s.url, `/api/v1/operators/${created.body.operator.id}`, { method: 'PATCH', token: owner, body: { disabled: true } });
    expect((await call(body.token, '/api/v1/conversations')).status).toBe(401);
  });
  it('loses what its creator loses when they are demoted', async () => {
    const created = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
      token: owner,
      body: { email: 'demoted-tok@example.com', name: 'Dee', role: 'admin', password: 'lantern-orchard-basalt' },
    });
    const admin = await login(s.url, { email: 'demoted-tok@example.com', password: 'lantern-orchard-basalt' });
    const { body } = await createToken(['labels:write'], admin);
    expect((await call(body.token, '/api/v1/labels', { body: { name: 'Refund', color: '#ff0000' } })).status).toBe(201);
    await api(s.url, `/api/v1/operators/${created.body.operator.id}`, { method: 'PATCH', token: owner, body: { role: 'operator' } });
    const after = await call(body.token, '/api/v1/labels', { body: { name: 'Return', color: '#00ff00' } });
    expect(after.status).toBe(403);
    expect(after.body.error.code).toBe('forbidden');
    expect((await call(body.token, '/api/v1/labels')).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('says the policy and what is left on every answer, refuses with 429 and Retry-After past it, and refills over the minute', async () => {
    const { body } = await createToken(['contacts:read']);
    const first = await call(body.token, '/api/v1/contacts');
    expect(first.headers.get('ratelimit-policy')).toBe(`"token";q=${LIMIT};w=60`);
    expect(first.headers.get('ratelimit')).toBe(`"token";r=${LIMIT - 1};t=12`);
    // Refusals count and carry the headers too.
    const refused = await call(body.token, '/api/v1/inboxes');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('ratelimit')).toBe(`"token";r=${LIMIT - 2};t=24`);
    for (let i = 3; i <= LIMIT; i++) expect((await call(body.token, '/api/v1/contacts')).status).toBe(200);
    const over = await call(body.token, '/api/v1/contacts');
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('rate_limited');
    expect(over.headers.get('retry-after')).toBe('12');
    expect(over.headers.get('ratelimit')).toBe(`"token";r=0;t=60`);
    // Another token has its own allowance; a session has none of these headers.
    const other = await createToken(['contacts:read']);
    expect((await call(other.body.token, '/api/v1/contacts')).status).toBe(200);
    expect((await call(owner, '/api/v1/contacts')).headers.get('ratelimit')).toBeNull();
    await clock.advance(12_000);
    const again = await call(body.token, '/api/v1/contacts');
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit')).toBe(`"token";r=0;t=60`);
  });
});

describe('workspaces', () => {
  it('a token of one workspace never sees or changes another', async () => {
    const other = await createWorkspace(s.app.ctx, {
      name: 'Elsewhere',
      ownerEmail: 'owner@elsewhere.test',
      ownerName: 'Elsa',
      ownerPassword: 'lantern-orchard-basalt',
      inboxName: 'Elsewhere site',
    });
    const elsewhere = await login(s.url, { email: other.owner.email, password: 'lantern-orchard-basalt' });
    const theirs = await createToken(['inboxes:write', 'contacts:write'], elsewhere);
    const ours = await createToken(['inboxes:write', 'contacts:write']);
    const inboxes = await call(theirs.body.token, '/api/v1/inboxes');
    expect(inboxes.body.items.map((i) => i.name)).toEqual(['Elsewhere site']);
    const ourInbox = (await call(ours.body.token, '/api/v1/inboxes')).body.items[0]?.id;
    expect((await call(theirs.body.token, `/api/v1/inboxes/${ourInbox}`)).status).toBe(404);
    // Nor its tokens: the other workspace's owner cannot list or revoke ours.
    const list = await api<{ items: { id: string }[] }>(s.url, '/api/v1/api-tokens', { token: elsewhere });
    expect(list.body.items.map((t) => t.id)).toEqual([theirs.body.apiToken.id]);
    expect((await api(s.url, `/api/v1/api-tokens/${ours.body.apiToken.id}`, { method: 'DELETE', token: elsewhere })).status).toBe(404);
    expect((await call(ours.body.token, '/api/v1/inboxes')).status).toBe(200);
  });
});

describe('every route that takes tokens', () => {
  it('needs the scope of its tag: read for GET, write otherwise (write implies read)', async () => {
    const routes = s.app.routes.filter(takesTokens);
    expect(routes.length).toBeGreaterThan(50);
    const resources = tokenResources(s.app.routes);
    for (const r of routes) {
      const path = r.url.replace(/:[A-Za-z]+/g, 'nothing-here');
      const needed = scopeOf(r);
      // Every other resource, writable: still refused, naming the one scope it lacks.
      const others = resources.filter((x) => x !== r.tag).map((x) => `${x}:write`);
      const without = await createToken(others);
      const refused = await call(without.body.token, path, { method: r.method });
      expect([refused.status, refused.body?.error?.details], `${r.method} ${r.url}`).toEqual([403, { scope: needed }]);
      // With its own scope (or write for a read), the scope check lets it through.
      const withIt = await createToken([`${r.tag}:write`]);
      const passed = await call(withIt.body.token, path, { method: r.method });
      expect(passed.body?.error?.code, `${r.method} ${r.url}`).not.toBe('insufficient_scope');
      expect(passed.status, `${r.method} ${r.url}`).not.toBe(401);
    }
  });
});

describe.runIf(hasPostgres)('on PostgreSQL, across two nodes', () => {
  let a: TestServer;
  let b: TestServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const pg = await createPgSchema();
    drop = pg.drop;
    const env = { DATABASE_URL: PG_URL, DATABASE_SCHEMA: pg.schema, API_TOKEN_RATE_LIMIT: '2' };
    a = await startTestServer({ env });
    b = await startTestServer({ env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('a token made on one node works on the other, each node counts its own calls, and a revocation holds on both', async () => {
    const session = await login(a.url);
    const created = await api<Created>(a.url, '/api/v1/api-tokens', { token: session, body: { name: 'Both', scopes: ['teams:read'] } });
    expect(created.status).toBe(201);
    const get = (url: string) => fetch(`${url}/api/v1/teams`, { headers: { authorization: `Bearer ${created.body.token}` } });
    expect((await get(b.url)).status).toBe(200);
    expect((await get(b.url)).status).toBe(200);
    expect((await get(b.url)).status).toBe(429);
    expect((await get(a.url)).status).toBe(200);
    const list = await api<{ items: Created['apiToken'][] }>(b.url, '/api/v1/api-tokens', { token: await login(b.url) });
    expect(list.body.items.find((t) => t.id === created.body.apiToken.id)?.lastUsedAt).toEqual(expect.any(Number));
    expect((await api(b.url, `/api/v1/api-tokens/${created.body.apiToken.id}`, { method: 'DELETE', token: session })).status).toBe(204);
    expect((await get(a.url)).status).toBe(401);
  });
});
