/** The HTTP API end to end: auth, operators and roles, inboxes, conversations, validation, and the OpenAPI document. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { newVisitor, visitorClient } from '../../../test/support/clients.js';
import { conversationSchema, errorSchema, historySchema, operatorSchema, pageOf } from '../src/http/schemas.js';

let s: TestServer;
let owner: string;
beforeAll(async () => {
  s = await startTestServer();
  owner = await login(s.url);
});
afterAll(() => s.close());

describe('sign in', () => {
  it('refuses a wrong password and an unknown email the same way', async () => {
    const wrong = await api(s.url, '/api/v1/auth/login', { body: { email: s.admin.email, password: 'nope-nope' } });
    const unknown = await api(s.url, '/api/v1/auth/login', { body: { email: 'ghost@example.com', password: 'nope-nope' } });
    expect(wrong).toEqual({ status: 401, body: { error: { code: 'unauthorized', message: 'Wrong email or password' } } });
    expect(unknown).toEqual(wrong);
  });

  it('sets an HttpOnly session cookie that authenticates, and logout ends the session', async () => {
    const res = await fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(s.admin) });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sb_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/);
    const jar = cookie.split(';')[0] as string;
    const me = await api<{ email: string }>(s.url, '/api/v1/auth/me', { headers: { cookie: jar } });
    expect(operatorSchema.parse(me.body).email).toBe(s.admin.email);
    expect((await api(s.url, '/api/v1/auth/logout', { method: 'POST', headers: { cookie: jar, 'x-switchboard-request': '1' } })).status).toBe(204);
    expect((await api(s.url, '/api/v1/auth/me', { headers: { cookie: jar } })).status).toBe(401);
  });

  it('expires sessions', async () => {
    const token = await login(s.url);
    await s.app.ctx.db
      .updateTable('sessions')
      .set({ expires_at: Date.now() - 1 })
      .execute();
    const r = await api<{ error: { code: string } }>(s.url, '/api/v1/auth/me', { token });
    expect(r.status).toBe(401);
    owner = await login(s.url);
  });
});

describe('operators and roles', () => {
  it('creates an operator with a password, and invites one who then sets theirs', async () => {
    const created = await api<{ operator: { id: string; role: string }; inviteUrl: string | null }>(s.url, '/api/v1/operators', {
      token: owner,
      body: { email: 'Ana@Example.com', name: 'Ana', password: 'ana-trail-tent-42' },
    });
    expect(created.status).toBe(201);
    expect(created.body.operator.role).toBe('operator');
    expect(created.body.inviteUrl).toBeNull();

    const invited = await api<{ operator: { id: string }; inviteUrl: string | null; invitePath: string }>(s.url, '/api/v1/operators', {
      token: owner,
      body: { email: 'ben@example.com', name: 'Ben', role: 'admin' },
    });
    // Without PUBLIC_URL the server does not guess its address from the request: the console adds its own.
    expect(invited.body.inviteUrl).toBeNull();
    expect(invited.body.invitePath).toMatch(/^\/console\/#\/invite\/[\w-]{40,}$/);
    const inviteToken = invited.body.invitePath.split('/').pop() as string;
    expect((await api(s.url, '/api/v1/auth/login', { body: { email: 'ben@example.com', password: 'ben-canoe-paddle-7' } })).status).toBe(401);
    const accepted = await api(s.url, '/api/v1/auth/accept-invite', { body: { token: inviteToken, password: 'ben-canoe-paddle-7' } });
    expect(accepted.status).toBe(200);
    expect((await api(s.url, '/api/v1/auth/accept-invite', { body: { token: inviteToken, password: 'ben-canoe-paddle-7' } })).status).toBe(404);
    expect((await api(s.url, '/api/v1/auth/login', { body: { email: 'ben@example.com', password: 'ben-canoe-paddle-7' } })).status).toBe(200);

    const dup = await api<{ error: { code: string } }>(s.url, '/api/v1/operators', {
      token: owner,
      body: { email: 'ana@example.com', name: 'Ana 2', password: 'another-canoe-88' },
    });
    expect(dup.status).toBe(409);
  });

  it('lets an operator reply but not manage the team; an admin cannot make owners', async () => {
    const ana = await login(s.url, { email: 'ana@example.com', password: 'ana-trail-tent-42' });
    const forbidden = await api<{ error: { code: string } }>(s.url, '/api/v1/operators', {
      token: ana,
      body: { email: 'eve@example.com', name: 'Eve', password: 'eve-kayak-river-3' },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    expect((await api(s.url, '/api/v1/inboxes', { token: ana, body: { name: 'New site' } })).status).toBe(403);
    const ben = await login(s.url, { email: 'ben@example.com', password: 'ben-canoe-paddle-7' });
    expect(
      (await api(s.url, '/api/v1/operators', { token: ben, body: { email: 'own@example.com', name: 'Own', role: 'owner', password: 'own-summit-ridge-9' } }))
        .status,
    ).toBe(403);
  });

  it('keeps at least one owner, and disabling an operator ends their sessions', async () => {
    const me = await api<{ id: string }>(s.url, '/api/v1/auth/me', { token: owner });
    const demote = await api<{ error: { code: string } }>(s.url, `/api/v1/operators/${me.body.id}`, { method: 'PATCH', token: owner, body: { role: 'admin' } });
    expect(demote.status).toBe(409);
    const ana = await login(s.url, { email: 'ana@example.com', password: 'ana-trail-tent-42' });
    const list = await api<{ items: { id: string; email: string }[] }>(s.url, '/api/v1/operators', { token: owner });
    const anaId = list.body.items.find((o) => o.email === 'ana@example.com')?.id as string;
    const off = await api<{ disabled: boolean }>(s.url, `/api/v1/operators/${anaId}`, { method: 'PATCH', token: owner, body: { disabled: true } });
    expect(off.body.disabled).toBe(true);
    expect((await api(s.url, '/api/v1/auth/me', { token: ana })).status).toBe(401);
    // The right password learns that the account is disabled; a wrong one gets the answer every account gets.
    const disabled = await api<{ error: { code: string; message: string } }>(s.url, '/api/v1/auth/login', {
      body: { email: 'ana@example.com', password: 'ana-trail-tent-42' },
    });
    expect(disabled).toMatchObject({ status: 403, body: { error: { code: 'forbidden', message: expect.stringMatching(/^This account is disabled/) } } });
    const guess = await api(s.url, '/api/v1/auth/login', { body: { email: 'ana@example.com', password: 'not-her-password' } });
    expect(guess).toEqual({ status: 401, body: { error: { code: 'unauthorized', message: 'Wrong email or password' } } });
  });
});

describe('validation', () => {
  it('answers bad input with a stable code and the field at fault', async () => {
    const r = await api<{ error: { code: string; message: string; details: unknown } }>(s.url, '/api/v1/conversations?view=everything', { token: owner });
    expect(r.status).toBe(400);
    expect(errorSchema.parse(r.body).error.code).toBe('validation_failed');
    expect(r.body.error.details).toEqual([{ in: 'query', path: 'view', message: r.body.error.message }]);
    const bad = await fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(bad.status).toBe(415);
    const huge = await api(s.url, '/api/v1/auth/login', { body: { email: 'x@y.z', password: 'p'.repeat(300_000) } });
    expect(huge.status).toBe(413);
    const route = await api<{ error: { code: string } }>(s.url, '/api/v1/nothing-here');
    expect(route).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });
});

describe('conversations over HTTP', () => {
  it('lists views, reads history, replies idempotently, assigns and resolves; answers match the OpenAPI schemas', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await c.waitFor('welcome');
    const ack = await c.client.send({ body: 'Do you ship to Norway?' });
    c.close();

    const unassigned = await api(s.url, '/api/v1/conversations?view=unassigned&status=open', { token: owner });
    const page = pageOf(conversationSchema).parse(unassigned.body);
    expect(page.items.map((i) => i.id)).toContain(ack.conversationId);

    const reply1 = await api<{ message: { seq: number }; duplicate: boolean }>(s.url, `/api/v1/conversations/${ack.conversationId}/messages`, {
      token: owner,
      body: { body: 'Yes, in 3 days.', clientId: 'op-1' },
    });
    const reply2 = await api<{ message: { seq: number }; duplicate: boolean }>(s.url, `/api/v1/conversations/${ack.conversationId}/messages`, {
      token: owner,
      body: { body: 'Yes, in 3 days.', clientId: 'op-1' },
    });
    expect(reply1.status).toBe(201);
    expect(reply2.body).toMatchObject({ duplicate: true, message: { seq: reply1.body.message.seq } });

    const me = await api<{ id: string }>(s.url, '/api/v1/auth/me', { token: owner });
    const assigned = await api<{ conversation: { assigneeId: string } }>(s.url, `/api/v1/conversations/${ack.conversationId}/assign`, {
      token: owner,
      body: { operatorId: me.body.id },
    });
    expect(assigned.body.conversation.assigneeId).toBe(me.body.id);
    const mine = await api<{ items: { id: string }[] }>(s.url, '/api/v1/conversations?view=mine', { token: owner });
    expect(mine.body.items.map((i) => i.id)).toContain(ack.conversationId);
    const resolved = await api<{ conversation: { status: string } }>(s.url, `/api/v1/conversations/${ack.conversationId}/status`, {
      token: owner,
      body: { status: 'resolved' },
    });
    expect(resolved.body.conversation.status).toBe('resolved');

    const history = historySchema.parse((await api(s.url, `/api/v1/conversations/${ack.conversationId}/messages`, { token: owner })).body);
    expect(history.messages.map((m) => [m.seq, m.kind, m.body])).toEqual([
      [1, 'text', 'Do you ship to Norway?'],
      [2, 'text', 'Yes, in 3 days.'],
      [3, 'event', 'Assigned to Admin'],
      [4, 'event', 'Resolved by Admin'],
    ]);
    const earlier = historySchema.parse((await api(s.url, `/api/v1/conversations/${ack.conversationId}/messages?before=3&limit=1`, { token: owner })).body);
    expect(earlier).toMatchObject({ hasEarlier: true, messages: [{ seq: 2 }] });
  });
});

describe('OpenAPI document', () => {
  it('describes every route with its input schemas', async () => {
    const r = await api<{ openapi: string; paths: Record<string, Record<string, { parameters: { name: string }[]; requestBody?: unknown }>> }>(
      s.url,
      '/api/openapi.json',
    );
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/conversations', '/api/v1/conversations/{id}/messages', '/api/v1/widget/session']),
    );
    const list = r.body.paths['/api/v1/conversations']?.get;
    expect(list?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['view', 'status', 'limit', 'cursor']));
    expect(r.body.paths['/api/v1/auth/login']?.post?.requestBody).toBeTruthy();
    const routes = s.app.routes.length;
    const documented = Object.values(r.body.paths).reduce((n, p) => n + Object.keys(p).length, 0);
    expect(documented).toBe(routes);
  });

  it('serves health and readiness', async () => {
    expect((await api(s.url, '/healthz')).body).toEqual({ status: 'ok' });
    expect((await api(s.url, '/readyz')).body).toMatchObject({ status: 'ready', database: 'sqlite' });
  });
});

describe('sign-in rate limit', () => {
  it('slows down password guessing per address, counting malformed attempts too', async () => {
    const own = await startTestServer({ env: { LOGIN_RATE_LIMIT: '10' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) {
        const body = i % 2 ? { email: 'x@example.com', password: 'guess' } : { email: 'not an email' };
        statuses.push((await api(own.url, '/api/v1/auth/login', { body })).status);
      }
      expect(statuses.slice(0, 10).every((st) => st !== 429)).toBe(true);
      expect(statuses.slice(10).every((st) => st === 429)).toBe(true);
    } finally {
      await own.close();
    }
  });
});
