/**
 * An operator's live connections follow their access as it changes: signing
 * out, being disabled or the session expiring ends them at once (refused
 * `unauthorized`, close 4001) and nothing they send afterwards is stored; a
 * new role or name applies to the open connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, PROTOCOL_VERSION } from '@switchboard/protocol';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { systemClock } from '../src/clock.js';
import { newVisitor, operatorClient, rawClient, until, visitorClient } from '../../../test/support/clients.js';

let s: TestServer;
let adminToken: string;
let conversationId: string;
/** The server's clock: tests move it forward to expire sessions. */
let offset = 0;
beforeAll(async () => {
  s = await startTestServer({ deps: { clock: { ...systemClock, now: () => Date.now() + offset } } });
  adminToken = await login(s.url);
  const v = await newVisitor(s.url, s.websiteKey);
  const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  conversationId = (await visitor.client.send({ body: 'Anyone there?' })).conversationId;
  visitor.close();
});
afterAll(() => s.close());

let made = 0;
/** A new operator, signed in, with an open connection following the conversation. */
async function signedInOperator(role: 'operator' | 'admin' = 'operator') {
  const email = `op${++made}@example.com`;
  const created = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
    token: adminToken,
    body: { email, name: `Operator ${made}`, role, password: 'operator password' },
  });
  expect(created.status).toBe(201);
  const token = await login(s.url, { email, password: 'operator password' });
  const ws = await rawClient(s.wsUrl);
  ws.send({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'operator', token } });
  await ws.next('welcome');
  ws.send({ type: 'subscribe', conversationId, after: 0 });
  await ws.next('synced');
  return { id: created.body.operator.id, token, ws };
}

const storedWithClientId = async (clientId: string) =>
  (await s.app.ctx.db.selectFrom('messages').select('id').where('client_id', '=', clientId).execute()).length;

describe('live connections after an access change', () => {
  it('ends the session’s connections on sign-out; a send right after is not handled, nothing is stored', async () => {
    const op = await signedInOperator();
    const other = await rawClient(s.wsUrl);
    other.send({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'operator', token: adminToken } });
    await other.next('welcome');

    expect((await api(s.url, '/api/v1/auth/logout', { method: 'POST', token: op.token })).status).toBe(204);
    op.ws.send({ type: 'send', conversationId, clientId: 'after-logout', body: 'Sent after signing out' });

    expect(await op.ws.closed).toEqual({ code: CLOSE_CODES.unauthorized, reason: 'unauthorized' });
    expect(op.ws.frames.find((f) => f.type === 'refused')).toMatchObject({ reason: 'unauthorized', message: 'You signed out' });
    expect(op.ws.frames.some((f) => f.type === 'ack')).toBe(false);
    expect(await storedWithClientId('after-logout')).toBe(0);
    // Only that session: the admin's connection is untouched.
    other.send({ type: 'ping', ref: 'still' });
    expect(await other.next('pong', (f) => f.ref === 'still')).toBeTruthy();
    other.ws.close();
  });

  it('ends a disabled operator’s connections at once', async () => {
    const op = await signedInOperator();
    const patched = await api(s.url, `/api/v1/operators/${op.id}`, { method: 'PATCH', token: adminToken, body: { disabled: true } });
    expect(patched.status).toBe(200);
    op.ws.send({ type: 'send', conversationId, clientId: 'after-disable', body: 'Sent after being disabled' });
    expect((await op.ws.closed).code).toBe(CLOSE_CODES.unauthorized);
    expect(op.ws.frames.find((f) => f.type === 'refused')).toMatchObject({ reason: 'unauthorized', message: 'This account is disabled' });
    expect(await storedWithClientId('after-disable')).toBe(0);
  });

  it('applies a new role and name to the open connection before its next frame', async () => {
    const op = await signedInOperator('admin');
    const patched = await api(s.url, `/api/v1/operators/${op.id}`, { method: 'PATCH', token: adminToken, body: { role: 'operator', name: 'Renamed Ria' } });
    expect(patched.status).toBe(200);
    op.ws.send({ type: 'send', conversationId, clientId: 'after-rename', body: 'Signed with my new name', ref: 'r1' });
    const ack = await op.ws.next('ack', (f) => f.clientId === 'after-rename');
    const stored = await s.app.ctx.db.selectFrom('messages').select('author_name').where('id', '=', ack.messageId).executeTakeFirstOrThrow();
    expect(stored.author_name).toBe('Renamed Ria');
    const conn = [...s.app.gateway.connections].find((c) => c.identity?.kind === 'operator' && c.identity.operator.id === op.id);
    expect(conn?.identity).toMatchObject({ kind: 'operator', operator: { role: 'operator', name: 'Renamed Ria' } });
    expect(op.ws.ws.readyState).toBe(op.ws.ws.OPEN);
    op.ws.ws.close();
  });

  it('closes a connection when its session expires, idle or not', async () => {
    const op = await signedInOperator();
    const console = operatorClient(s.wsUrl, op.token);
    await console.waitFor('welcome');
    offset += s.app.ctx.config.sessionTtlMs + 1000;
    try {
      expect((await op.ws.closed).code).toBe(CLOSE_CODES.unauthorized);
      expect(op.ws.frames.find((f) => f.type === 'refused')).toMatchObject({ reason: 'unauthorized' });
      await until(() => console.states.includes('refused'), 5000, 'the console to be refused');
      expect(console.client.connectionState).toBe('refused');
    } finally {
      offset = 0;
    }
  });
});
