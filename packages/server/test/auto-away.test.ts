/**
 * Auto-away and the offline grace, on the one clock: the test moves time
 * instead of waiting. An operator idle in every console for their idle time
 * (10 minutes unless they chose another) shows as away and comes back online
 * on input, unless Away was their own choice; one whose last console closed
 * shows offline only after the grace period.
 */
import type { PresenceStatus } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, type TestClient, until } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { ManualClock } from '../src/clock.js';

const clock = new ManualClock(Date.now());
let s: TestServer;
let admin: string;
let adminId: string;
let bea: string;
let watcher: TestClient;
beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  admin = await login(s.url);
  adminId = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token: admin })).body.id;
  await api(s.url, '/api/v1/operators', { token: admin, body: { email: 'bea@example.com', name: 'Bea Bauer', password: 'lantern-orchard-basalt' } });
  bea = await login(s.url, { email: 'bea@example.com', password: 'lantern-orchard-basalt' });
  // Bea watches the Admin's presence from her console.
  watcher = operatorClient(s.wsUrl, bea);
  await watcher.waitFor('welcome');
});
afterAll(async () => {
  watcher?.close();
  await s.close();
});

/** The Admin's statuses Bea has been told, in order, since `from` frames. */
const told = (from: number): PresenceStatus[] =>
  watcher.frames.slice(from).flatMap((f) => (f.type === 'presence' && f.operatorId === adminId ? [f.status] : []));

/** Everything the server sent Bea before this point has arrived. */
async function settled(): Promise<void> {
  const ref = `m${Math.random()}`;
  watcher.client.sendVolatile({ type: 'ping', ref });
  await watcher.waitFor('pong', (f) => f.ref === ref);
}

async function adminConsole(): Promise<TestClient> {
  const c = operatorClient(s.wsUrl, admin);
  await c.waitFor('welcome');
  await settled();
  return c;
}

describe('auto-away', () => {
  it('shows an idle operator as away after 10 minutes, and online again on input', async () => {
    const from = watcher.frames.length;
    const c = await adminConsole();
    await until(() => told(from).includes('online'), 5000, 'the Admin online');
    await clock.advance(9 * 60_000);
    await settled();
    expect(told(from)).toEqual(['online']);
    await clock.advance(60_000 + 1000);
    await watcher.waitFor('presence', (f) => f.operatorId === adminId && f.status === 'away');
    const listed = await api<{ items: { id: string; status: string }[] }>(s.url, '/api/v1/operators', { token: bea });
    expect(listed.body.items.find((o) => o.id === adminId)?.status).toBe('away');
    // The chosen status stays what it was: automatic away is never stored.
    expect((await s.app.ctx.db.selectFrom('operators').select('status').where('id', '=', adminId).executeTakeFirstOrThrow()).status).toBe('online');

    c.client.sendVolatile({ type: 'activity' });
    await until(() => told(from).at(-1) === 'online', 5000, 'the Admin back online');
    expect(told(from)).toEqual(['online', 'away', 'online']);
    c.close();
    await clock.advance(120_000);
  });

  it('keeps an Away the operator chose, whatever their input', async () => {
    const from = watcher.frames.length;
    const c = await adminConsole();
    c.client.sendVolatile({ type: 'presence', status: 'away' });
    await until(() => told(from).at(-1) === 'away', 5000, 'the chosen away');
    c.client.sendVolatile({ type: 'activity' });
    await clock.advance(30 * 60_000);
    c.client.sendVolatile({ type: 'activity' });
    await settled();
    c.client.sendVolatile({ type: 'presence', status: 'online' });
    await until(() => told(from).at(-1) === 'online', 5000, 'the chosen online');
    // Connected, then the chosen away, then the chosen online: input changed nothing in between.
    expect(told(from)).toEqual(['online', 'away', 'online']);
    c.close();
    await clock.advance(120_000);
  });

  it('takes the idle time the operator chose, and never goes away with 0', async () => {
    const me = await api<{ awayAfterMinutes: number }>(s.url, '/api/v1/auth/me', { token: admin });
    expect(me.body.awayAfterMinutes).toBe(10);
    const patched = await api<{ awayAfterMinutes: number }>(s.url, '/api/v1/auth/me', { method: 'PATCH', token: admin, body: { awayAfterMinutes: 2 } });
    expect(patched).toMatchObject({ status: 200, body: { awayAfterMinutes: 2 } });
    const bad = await api(s.url, '/api/v1/auth/me', { method: 'PATCH', token: admin, body: { awayAfterMinutes: 1000 } });
    expect(bad.status).toBe(400);

    let from = watcher.frames.length;
    const c = await adminConsole();
    await clock.advance(2 * 60_000 + 1000);
    await watcher.waitFor('presence', (f) => f.operatorId === adminId && f.status === 'away' && watcher.frames.indexOf(f) >= from);
    c.client.sendVolatile({ type: 'activity' });
    await until(() => told(from).at(-1) === 'online', 5000, 'online again');

    // Changed while connected: applies at once.
    await api(s.url, '/api/v1/auth/me', { method: 'PATCH', token: admin, body: { awayAfterMinutes: 0 } });
    from = watcher.frames.length;
    await clock.advance(3 * 3600_000);
    await settled();
    expect(told(from)).toEqual([]);
    c.close();
    await clock.advance(120_000);
    await api(s.url, '/api/v1/auth/me', { method: 'PATCH', token: admin, body: { awayAfterMinutes: 10 } });
  });
});

describe('offline grace', () => {
  it('shows an operator offline only when their last console has been closed for a minute; a reload does not flash offline', async () => {
    const from = watcher.frames.length;
    const first = await adminConsole();
    first.close();
    await until(() => ![...s.app.gateway.connections].some((x) => x.identity?.kind === 'operator' && x.identity.operator.id === adminId), 5000, 'closed');
    await clock.advance(59_000);
    await settled();
    expect(told(from)).not.toContain('offline');

    // A reload: back within the grace period.
    const second = await adminConsole();
    await clock.advance(5 * 60_000);
    await settled();
    expect(told(from)).not.toContain('offline');

    second.close();
    await until(() => ![...s.app.gateway.connections].some((x) => x.identity?.kind === 'operator' && x.identity.operator.id === adminId), 5000, 'closed');
    await clock.advance(30_000);
    await settled();
    expect(told(from)).not.toContain('offline');
    await clock.advance(31_000);
    await watcher.waitFor('presence', (f) => f.operatorId === adminId && f.status === 'offline' && watcher.frames.indexOf(f) >= from);
    expect(told(from).filter((x) => x === 'offline')).toHaveLength(1);
  });
});
