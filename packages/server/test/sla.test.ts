/**
 * SLA timers on the one clock: a target warns then breaches (each recorded
 * once, as events and on the conversation), a reply in time meets it, the
 * next response starts at the visitor's next message after a reply (one
 * cycle per wait), resolving meets the resolution, and with business hours
 * the night does not count.
 */
import type { ConversationSummary } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { setInboxTeam } from '../../../test/support/inbox-team.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { ManualClock } from '../src/clock.js';
import type { DomainEvent } from '../src/events/events.js';
import { applySlaPolicy } from '../src/sla/apply-sla-policy.js';

const MIN = 60_000;
// Monday 4 January 2027, 08:00 UTC.
const clock = new ManualClock(Date.UTC(2027, 0, 4, 8, 0));
let s: TestServer;
let admin: string;
let inboxId: string;
const open: TestClient[] = [];
const events: DomainEvent[] = [];

beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  admin = await login(s.url);
  inboxId = (await s.app.ctx.db.selectFrom('inboxes').select('id').executeTakeFirstOrThrow()).id;
  for (const type of ['sla.warning', 'sla.breached'] as const) s.app.ctx.events.on(type, (e) => void events.push(e));
});
afterAll(async () => {
  for (const c of open) c.close();
  await s.close();
});

async function untilAsync(cond: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setImmediate(r));
  }
}

async function policy(body: Record<string, unknown>): Promise<string> {
  const r = await api<{ id: string }>(s.url, '/api/v1/sla-policies', { token: admin, body: { name: `P ${Math.random().toString(36).slice(2)}`, ...body } });
  expect(r.status).toBe(201);
  return r.body.id;
}

const choose = (what: 'inboxes' | 'teams', id: string, policyId: string | null) =>
  api(s.url, `/api/v1/${what}/${id}/sla-policy`, { method: 'PUT', token: admin, body: { policyId } });

const conversation = async (id: string) => (await api<ConversationSummary>(s.url, `/api/v1/conversations/${id}`, { token: admin })).body;
const outcomes = async (id: string) =>
  (
    await s.app.ctx.db
      .selectFrom('sla_events')
      .select(['target', 'cycle', 'outcome'])
      .where('conversation_id', '=', id)
      .orderBy('at')
      .orderBy('outcome')
      .execute()
  ).map((e) => `${e.target}:${e.cycle}:${e.outcome}`);

async function visitorWrites(body: string): Promise<{ client: TestClient; conversationId: string }> {
  const v = await newVisitor(s.url, s.websiteKey);
  const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  open.push(client);
  await client.waitFor('welcome');
  const { conversationId } = await client.client.send({ body });
  return { client, conversationId };
}

const reply = (id: string, body = 'On it') => api(s.url, `/api/v1/conversations/${id}/messages`, { token: admin, body: { body } });

async function passTime(ms: number): Promise<void> {
  await clock.advance(ms);
  await s.app.ctx.jobs.runDue();
}

describe('SLA timers', () => {
  it('warns, then breaches once; a late reply clears the mark with no "met"', async () => {
    await choose('inboxes', inboxId, await policy({ firstResponseSeconds: 600, resolutionSeconds: 7200, warnPercent: 80 }));
    const start = clock.now();
    const { conversationId: id } = await visitorWrites('Hello?');
    await untilAsync(async () => (await conversation(id)).slaDueAt != null);
    let c = await conversation(id);
    expect([c.slaTarget, c.slaDueAt, c.slaWarnAt, c.slaBreachedAt]).toEqual(['first_response', start + 10 * MIN, start + 8 * MIN, null]);

    await passTime(8 * MIN);
    expect(events.filter((e) => e.type === 'sla.warning' && e.conversationId === id)).toHaveLength(1);
    await passTime(2 * MIN);
    const breached = events.filter((e) => e.type === 'sla.breached' && e.conversationId === id);
    expect(breached).toEqual([
      { type: 'sla.breached', workspaceId: expect.any(String), conversationId: id, target: 'first_response', dueAt: start + 10 * MIN },
    ]);
    c = await conversation(id);
    expect([c.slaBreachedAt, c.slaTarget, c.slaDueAt]).toEqual([start + 10 * MIN, 'resolution', start + 120 * MIN]);
    // Running the jobs again records nothing more.
    await passTime(MIN);
    expect(await outcomes(id)).toEqual(['first_response:1:warning', 'first_response:1:breached']);

    await reply(id);
    await untilAsync(async () => (await conversation(id)).slaBreachedAt === null);
    expect(await outcomes(id)).toEqual(['first_response:1:warning', 'first_response:1:breached']);
  });

  it('meets the first response in time, then runs one next response per wait, and meets the resolution', async () => {
    await choose('inboxes', inboxId, await policy({ firstResponseSeconds: 600, nextResponseSeconds: 300, resolutionSeconds: 7200 }));
    const { client, conversationId: id } = await visitorWrites('Hi');
    await untilAsync(async () => (await conversation(id)).slaTarget === 'first_response');
    await passTime(MIN);
    await reply(id);
    await untilAsync(async () => (await conversation(id)).slaTarget === 'resolution');
    expect(await outcomes(id)).toEqual(['first_response:1:met']);

    await passTime(MIN);
    const asked = clock.now();
    await client.client.send({ conversationId: id, body: 'One more thing' });
    await untilAsync(async () => (await conversation(id)).slaTarget === 'next_response');
    expect((await conversation(id)).slaDueAt).toBe(asked + 5 * MIN);
    // Another message while waiting: the same wait.
    await passTime(MIN);
    await client.client.send({ conversationId: id, body: 'Hello??' });
    await passTime(MIN);
    expect((await conversation(id)).slaDueAt).toBe(asked + 5 * MIN);
    await reply(id);
    await untilAsync(async () => (await conversation(id)).slaTarget === 'resolution');

    await client.client.send({ conversationId: id, body: 'And another' });
    await untilAsync(async () => (await conversation(id)).slaTarget === 'next_response');
    await passTime(5 * MIN);
    expect(events.filter((e) => e.type === 'sla.breached' && e.conversationId === id).map((e) => e.type === 'sla.breached' && e.target)).toEqual([
      'next_response',
    ]);

    await api(s.url, `/api/v1/conversations/${id}/status`, { token: admin, body: { status: 'resolved' } });
    await untilAsync(async () => (await conversation(id)).slaBreachedAt === null);
    const c = await conversation(id);
    expect([c.slaDueAt, c.slaTarget]).toEqual([null, null]);
    expect(await outcomes(id)).toEqual([
      'first_response:1:met',
      'next_response:1:met',
      'next_response:2:warning',
      'next_response:2:breached',
      'resolution:1:met',
    ]);
  });

  it('with business hours, a closed night does not count', async () => {
    const team = await api<{ id: string }>(s.url, '/api/v1/teams', {
      token: admin,
      body: { name: `Day ${Math.random().toString(36).slice(2)}`, memberIds: [] },
    });
    const teamId = team.body.id;
    const hours = await api(s.url, `/api/v1/teams/${teamId}/hours`, {
      method: 'PUT',
      token: admin,
      body: { timeZone: 'UTC', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })), holidays: [] },
    });
    expect(hours.status).toBe(200);
    await setInboxTeam(s.app.ctx.db, inboxId, teamId);
    await choose('inboxes', inboxId, null);
    await choose('teams', teamId, await policy({ firstResponseSeconds: 1800, businessHours: true }));
    // Move to 16:50 UTC on a weekday: 10 minutes today, 20 tomorrow from 09:00.
    const now = new Date(clock.now());
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    await passTime(today + 16 * 60 * MIN + 50 * MIN - clock.now());
    const { conversationId: id } = await visitorWrites('Evening');
    await untilAsync(async () => (await conversation(id)).slaTarget === 'first_response');
    const due = today + 24 * 60 * MIN + 9 * 60 * MIN + 20 * MIN;
    expect((await conversation(id)).slaDueAt).toBe(due);
    await passTime(due - clock.now() - MIN);
    expect((await conversation(id)).slaBreachedAt).toBeNull();
    await passTime(MIN);
    expect((await conversation(id)).slaBreachedAt).toBe(due);
    await setInboxTeam(s.app.ctx.db, inboxId, null);
  });

  it('a rule’s policy comes first: running targets are counted again from their start', async () => {
    await choose('inboxes', inboxId, await policy({ firstResponseSeconds: 3600 }));
    const start = clock.now();
    const { conversationId: id } = await visitorWrites('VIP here');
    await untilAsync(async () => (await conversation(id)).slaTarget === 'first_response');
    expect((await conversation(id)).slaDueAt).toBe(start + 60 * MIN);
    const vip = await policy({ firstResponseSeconds: 300, resolutionSeconds: 3600 });
    await applySlaPolicy(s.app.ctx, { conversationId: id, policyId: vip, by: { kind: 'rule', id: 'r1', name: 'VIP' } });
    const c = await conversation(id);
    expect([c.slaTarget, c.slaDueAt]).toEqual(['first_response', start + 5 * MIN]);
    await passTime(5 * MIN);
    expect((await conversation(id)).slaBreachedAt).toBe(start + 5 * MIN);
    // The old policy's breach job was moved, not left behind: nothing more at the hour.
    await passTime(60 * MIN);
    // Warning and breach ran in one go each time (at one time, in no set order).
    expect((await outcomes(id)).sort()).toEqual(['first_response:1:breached', 'first_response:1:warning', 'resolution:1:breached', 'resolution:1:warning']);
  });
});
