/**
 * Send later, over the HTTP API and the realtime protocol, on the one clock
 * (the test moves time instead of waiting): a scheduled message reaches the
 * visitor at its time, once, and nothing of it before; the team sees it come
 * and go; it can be cancelled until it starts going out; a run that died after
 * sending sends nothing twice; bad input is refused with nothing stored.
 */
import type { MessageDto, ScheduledMessageDto } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { ManualClock } from '../src/clock.js';
import { sendMessage } from '../src/message/message.service.js';
import { clientIdOf, sendKey } from '../src/scheduled/scheduled.js';

const MINUTE = 60_000;
const clock = new ManualClock(Date.now());
let s: TestServer;
let admin: string;
let bea: string;
let beaId: string;
beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  admin = await login(s.url);
  const made = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
    token: admin,
    body: { email: 'bea@example.com', name: 'Bea Bauer', password: 'lantern-orchard-basalt' },
  });
  beaId = made.body.operator.id;
  bea = await login(s.url, { email: 'bea@example.com', password: 'lantern-orchard-basalt' });
});
afterAll(() => s.close());

async function visitorConversation() {
  const v = await newVisitor(s.url, s.websiteKey);
  const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  const ack = await visitor.client.send({ body: 'Can you call me back tomorrow?' });
  visitor.client.subscribe(ack.conversationId, 0);
  await visitor.waitFor('synced', (f) => f.conversationId === ack.conversationId);
  return { ...v, visitor, id: ack.conversationId };
}

async function following(token: string, conversationId: string): Promise<TestClient> {
  const c = operatorClient(s.wsUrl, token);
  await c.waitFor('welcome');
  c.client.subscribe(conversationId);
  await c.waitFor('synced', (f) => f.conversationId === conversationId);
  return c;
}

const schedule = (token: string, id: string, body: unknown) =>
  api<{ scheduled: ScheduledMessageDto & { html: string }; duplicate: boolean }>(s.url, `/api/v1/conversations/${id}/scheduled`, { token, body });
const cancel = (token: string, id: string, scheduledId: string) =>
  api<ScheduledMessageDto>(s.url, `/api/v1/conversations/${id}/scheduled/${scheduledId}`, { method: 'DELETE', token });
const listed = async (id: string) => (await api<{ items: ScheduledMessageDto[] }>(s.url, `/api/v1/conversations/${id}/scheduled`, { token: admin })).body.items;
const history = async (id: string) => (await api<{ messages: MessageDto[] }>(s.url, `/api/v1/conversations/${id}/messages`, { token: admin })).body.messages;
const bodies = async (id: string) => (await history(id)).map((m) => m.body);

async function passTime(ms: number): Promise<void> {
  await clock.advance(ms);
  await s.app.ctx.jobs.runDue();
}

describe('a scheduled message', () => {
  it('reaches the visitor at its time, once, and nothing of it before; the team sees it come and go', async () => {
    const c = await visitorConversation();
    const team = await following(admin, c.id);
    const r = await schedule(admin, c.id, { body: 'Good morning! **Here** is the call we planned.', sendAt: clock.now() + 30 * MINUTE });
    expect(r.status).toBe(201);
    expect(r.body.scheduled).toMatchObject({
      status: 'scheduled',
      author: { name: 'Admin' },
      messageSeq: null,
      html: expect.stringContaining('<strong>Here</strong>'),
    });
    const id = r.body.scheduled.id;
    await team.waitFor('scheduled', (f) => f.scheduled.id === id && f.scheduled.status === 'scheduled');
    expect((await listed(c.id)).map((x) => x.id)).toEqual([id]);

    await passTime(29 * MINUTE);
    expect(await bodies(c.id)).not.toContain('Good morning! **Here** is the call we planned.');
    const ofIt = () => c.visitor.frames.filter((f) => JSON.stringify(f).includes('Good morning!')).map((f) => f.type);
    expect(ofIt()).toEqual([]);
    await passTime(2 * MINUTE);
    const sent = await team.waitFor('scheduled', (f) => f.scheduled.id === id && f.scheduled.status === 'sent');
    const got = await c.visitor.waitFor('message', (f) => f.message.body.startsWith('Good morning!'));
    expect(got.message).toMatchObject({ author: { kind: 'operator', name: 'Admin' }, clientId: clientIdOf(id), seq: sent.scheduled.messageSeq });
    expect(await listed(c.id)).toEqual([]);
    // Once, whatever happens next.
    await passTime(60 * MINUTE);
    expect((await bodies(c.id)).filter((b) => b.startsWith('Good morning!'))).toHaveLength(1);
    // The visitor's connection carried nothing of it before it went, then the message once (and, in its own time, the
    // conversation's summary with the message as its last one).
    expect(ofIt()[0]).toBe('message');
    expect(ofIt().filter((t) => t === 'message')).toHaveLength(1);
    expect(ofIt().filter((t) => t !== 'message' && t !== 'conversation')).toEqual([]);
    expect(c.visitor.frames.some((f) => f.type === 'scheduled')).toBe(false);
    team.close();
    c.visitor.close();
  });

  it('can be cancelled until it goes, by its author or an admin, and then never goes', async () => {
    const c = await visitorConversation();
    const mine = (await schedule(admin, c.id, { body: 'Cancelled one', sendAt: clock.now() + 10 * MINUTE })).body.scheduled;
    expect((await cancel(bea, c.id, mine.id)).status).toBe(403);
    const byBea = (await schedule(bea, c.id, { body: 'Bea cancels hers', sendAt: clock.now() + 10 * MINUTE })).body.scheduled;
    expect((await cancel(bea, c.id, byBea.id)).body.status).toBe('cancelled');
    const cancelled = await cancel(admin, c.id, mine.id);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await s.app.ctx.jobs.get(sendKey(mine.id)))?.status).toBe('cancelled');
    // Cancelling twice answers the same.
    expect((await cancel(admin, c.id, mine.id)).body.status).toBe('cancelled');
    expect(await listed(c.id)).toEqual([]);
    await passTime(20 * MINUTE);
    expect(await bodies(c.id)).not.toContain('Cancelled one');
    expect(await bodies(c.id)).not.toContain('Bea cancels hers');

    const gone = (await schedule(admin, c.id, { body: 'Too late to cancel', sendAt: clock.now() + MINUTE })).body.scheduled;
    await passTime(2 * MINUTE);
    expect(await cancel(admin, c.id, gone.id)).toMatchObject({ status: 409, body: { error: { code: 'conflict', message: 'It was sent already' } } });
    expect((await cancel(admin, c.id, 'no-such-one')).status).toBe(404);
    c.visitor.close();
  });

  it('is refused in the past, beyond a year, empty, with a variable left to fill, and is stored once per client id', async () => {
    const c = await visitorConversation();
    const bad = async (body: unknown) => (await schedule(admin, c.id, body)).body as unknown as { error: { code: string; message: string } };
    expect((await bad({ body: 'x', sendAt: clock.now() - 1 })).error.message).toBe('Choose a time in the future');
    expect((await bad({ body: 'x', sendAt: clock.now() + 400 * 24 * 60 * MINUTE })).error.message).toBe('Choose a time within a year');
    expect((await bad({ body: '   ', sendAt: clock.now() + MINUTE })).error.code).toBe('validation_failed');
    expect((await bad({ body: 'Hi {{contact.first_name}}', sendAt: clock.now() + MINUTE })).error.message).toMatch(
      /^Fill in \{\{contact\.first_name\}\} first/,
    );
    expect((await bad({ sendAt: 'tomorrow' })).error.code).toBe('validation_failed');
    // A reply sent now is held to the same rule.
    const now = await api<{ error: { message: string } }>(s.url, `/api/v1/conversations/${c.id}/messages`, {
      token: admin,
      body: { body: 'Dear {{contact.name}}' },
    });
    expect(now.status).toBe(400);
    expect(await listed(c.id)).toEqual([]);

    const first = await schedule(admin, c.id, { body: 'Once', sendAt: clock.now() + MINUTE, clientId: 'tap-1' });
    const again = await schedule(admin, c.id, { body: 'Once', sendAt: clock.now() + MINUTE, clientId: 'tap-1' });
    expect(again.body).toMatchObject({ duplicate: true, scheduled: { id: first.body.scheduled.id } });
    expect(await listed(c.id)).toHaveLength(1);
    await passTime(2 * MINUTE);
    expect((await bodies(c.id)).filter((b) => b === 'Once')).toHaveLength(1);
    c.visitor.close();
  });

  it('sends nothing twice when a run died after sending, and fails with the reason when its author was disabled', async () => {
    const c = await visitorConversation();
    const crashed = (await schedule(admin, c.id, { body: 'Sent before the crash', sendAt: clock.now() + MINUTE })).body.scheduled;
    // A run that sent the message and died before marking it sent.
    const me = await api<{ id: string }>(s.url, '/api/v1/auth/me', { token: admin });
    await sendMessage(s.app.ctx, {
      workspaceId: (await s.app.ctx.db.selectFrom('conversations').select('workspace_id').where('id', '=', c.id).executeTakeFirstOrThrow()).workspace_id,
      conversationId: c.id,
      author: { kind: 'operator', id: me.body.id, name: 'Admin' },
      clientId: clientIdOf(crashed.id),
      body: crashed.body,
    });
    await s.app.ctx.db.updateTable('scheduled_messages').set({ status: 'sending' }).where('id', '=', crashed.id).execute();
    const byBea = (await schedule(bea, c.id, { body: 'From Bea', sendAt: clock.now() + MINUTE })).body.scheduled;
    await api(s.url, `/api/v1/operators/${beaId}`, { method: 'PATCH', token: admin, body: { disabled: true } });
    await passTime(2 * MINUTE);
    expect((await bodies(c.id)).filter((b) => b === 'Sent before the crash')).toHaveLength(1);
    expect(await bodies(c.id)).not.toContain('From Bea');
    const left = await listed(c.id);
    expect(left).toEqual([expect.objectContaining({ id: byBea.id, status: 'failed', error: 'Not sent: its author’s account is disabled' })]);
    // Dismissed by cancelling it.
    expect((await cancel(admin, c.id, byBea.id)).body.status).toBe('cancelled');
    await api(s.url, `/api/v1/operators/${beaId}`, { method: 'PATCH', token: admin, body: { disabled: false } });
    bea = await login(s.url, { email: 'bea@example.com', password: 'lantern-orchard-basalt' });
    c.visitor.close();
  });

  it('goes out in the conversation another was merged into', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await visitor.waitFor('welcome');
    const first = await visitor.client.send({ body: 'First visit' });
    await api(s.url, `/api/v1/conversations/${first.conversationId}/status`, { token: admin, body: { status: 'resolved' } });
    const second = await visitor.client.send({ body: 'Back again' });
    visitor.close();
    await schedule(admin, first.conversationId, { body: 'Scheduled before the merge', sendAt: clock.now() + MINUTE });
    await api(s.url, `/api/v1/conversations/${second.conversationId}/merge`, { token: admin, body: { conversationId: first.conversationId } });
    expect((await listed(second.conversationId)).map((x) => x.body)).toEqual(['Scheduled before the merge']);
    await passTime(2 * MINUTE);
    expect(await bodies(second.conversationId)).toContain('Scheduled before the merge');
  });
});
