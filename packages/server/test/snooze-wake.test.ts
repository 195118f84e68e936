/**
 * A snooze's time coming, on the one clock: the test moves time instead of
 * waiting. The wake-up is a durable job under one key per conversation:
 * snoozing again moves it, "until the visitor replies" drops it, and a
 * conversation woken meanwhile (visitor, operator) is left as it is.
 */
import type { ConversationSummary, MessageDto } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { ManualClock } from '../src/clock.js';
import { wakeKey } from '../src/conversation/wake-conversation.js';

const HOUR = 3600_000;
const clock = new ManualClock(Date.now());
let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  token = await login(s.url);
});
afterAll(() => s.close());

async function conversation(keepOpen = false) {
  const v = await newVisitor(s.url, s.websiteKey);
  const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await c.waitFor('welcome');
  const ack = await c.client.send({ body: 'Can you check my order?' });
  if (!keepOpen) c.client.close();
  return { id: ack.conversationId, client: c };
}
const snooze = (id: string, until: number | null) =>
  api<{ conversation: ConversationSummary }>(s.url, `/api/v1/conversations/${id}/snooze`, { token, body: { until } });
const get = async (id: string) => (await api<ConversationSummary>(s.url, `/api/v1/conversations/${id}`, { token })).body;
const lines = async (id: string) =>
  (await api<{ messages: MessageDto[] }>(s.url, `/api/v1/conversations/${id}/messages`, { token })).body.messages
    .filter((m) => m.kind === 'event')
    .map((m) => m.body);
const WOKEN = 'Woken up: the snooze time came';

/** Moves the clock and runs what fell due (the node's own loop may take part: claims are exclusive). */
async function passTime(ms: number): Promise<void> {
  await clock.advance(ms);
  await s.app.ctx.jobs.runDue();
}

describe('snooze until a time', () => {
  it('wakes the conversation when the time comes, once, and consoles hear of it', async () => {
    const { id } = await conversation();
    const until = clock.now() + HOUR;
    await snooze(id, until);
    expect(await s.app.ctx.jobs.get(wakeKey(id))).toMatchObject({ status: 'pending', run_at: until });
    await passTime(HOUR - 60_000);
    expect((await get(id)).status).toBe('snoozed');

    const console = operatorClient(s.wsUrl, token);
    await console.waitFor('welcome');
    await passTime(2 * 60_000);
    await console.waitFor('conversation', (f) => f.conversation.id === id && f.conversation.status === 'open');
    expect(await get(id)).toMatchObject({ status: 'open', snoozedUntil: null });
    expect(await lines(id)).toEqual([expect.stringMatching(/^Snoozed until /), WOKEN]);
    expect((await s.app.ctx.jobs.get(wakeKey(id)))?.status).toBe('done');
    // Nothing more comes of it.
    await passTime(HOUR);
    expect(await lines(id)).toEqual([expect.stringMatching(/^Snoozed until /), WOKEN]);
    console.close();
  });

  it('moves the wake-up when snoozed again, and drops it for "until the visitor replies"', async () => {
    const { id } = await conversation();
    await snooze(id, clock.now() + HOUR);
    await snooze(id, clock.now() + 2 * HOUR);
    await passTime(HOUR + 60_000);
    expect((await get(id)).status).toBe('snoozed');
    await passTime(HOUR);
    expect((await get(id)).status).toBe('open');
    expect((await lines(id)).filter((l) => l === WOKEN)).toHaveLength(1);

    const other = await conversation();
    await snooze(other.id, clock.now() + HOUR);
    await snooze(other.id, null);
    expect((await s.app.ctx.jobs.get(wakeKey(other.id)))?.status).toBe('cancelled');
    await passTime(2 * HOUR);
    expect(await get(other.id)).toMatchObject({ status: 'snoozed', snoozedUntil: null });
  });

  it('leaves alone a conversation woken meanwhile by the visitor or an operator', async () => {
    const byVisitor = await conversation(true);
    await snooze(byVisitor.id, clock.now() + HOUR);
    await byVisitor.client.client.send({ conversationId: byVisitor.id, body: 'Any news?' });
    byVisitor.client.close();
    const byOperator = await conversation();
    await snooze(byOperator.id, clock.now() + HOUR);
    await api(s.url, `/api/v1/conversations/${byOperator.id}/status`, { token, body: { status: 'resolved' } });
    await passTime(2 * HOUR);
    expect((await get(byVisitor.id)).status).toBe('open');
    expect(await lines(byVisitor.id)).not.toContain(WOKEN);
    expect((await get(byOperator.id)).status).toBe('resolved');
    expect(await lines(byOperator.id)).not.toContain(WOKEN);
  });
});
