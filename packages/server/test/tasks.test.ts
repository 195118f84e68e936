/**
 * Tasks over the HTTP API, on the one clock (the test moves time instead of
 * waiting): added on a conversation or a contact, listed, changed, done,
 * reopened and deleted; seen only by who may see what they are about;
 * announced once at their due time (the `task.due` event, and the assignee's
 * console), not before; a snooze moves the reminder, done cancels it; the
 * reminder is a durable job, so a server started again on the same database
 * still announces it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskDto } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { ManualClock } from '../src/clock.js';
import type { EventOf } from '../src/events/events.js';
import { dueKey } from '../src/task/task.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const clock = new ManualClock(Date.now());
let s: TestServer;
let admin: string;
let bea: string;
let beaId: string;
let cal: string;
let calId: string;
let billingTeamId: string;
const due: EventOf<'task.due'>[] = [];

async function newOperator(email: string, name: string, role = 'operator'): Promise<{ id: string; token: string }> {
  const made = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
    token: admin,
    body: { email, name, role, password: 'lantern-orchard-basalt' },
  });
  expect(made.status).toBe(201);
  return { id: made.body.operator.id, token: await login(s.url, { email, password: 'lantern-orchard-basalt' }) };
}

beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  s.app.ctx.events.on('task.due', (e) => {
    due.push(e);
  });
  admin = await login(s.url);
  ({ id: beaId, token: bea } = await newOperator('bea@example.com', 'Bea Bauer'));
  ({ id: calId, token: cal } = await newOperator('cal@example.com', 'Cal Chen'));
  const team = await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Billing', memberIds: [calId] } });
  billingTeamId = team.body.id;
});
afterAll(() => s.close());

async function conversation(server = s, body = 'Can you call me back on Friday?'): Promise<string> {
  const v = await newVisitor(server.url, server.websiteKey);
  const visitor = visitorClient(server.wsUrl, server.websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  const ack = await visitor.client.send({ body });
  visitor.close();
  return ack.conversationId;
}

const create = (token: string, body: unknown, server = s) => api<TaskDto>(server.url, '/api/v1/tasks', { token, body });
const list = async (token: string, query = '') =>
  (await api<{ items: TaskDto[]; nextCursor: string | null; overdue: number }>(s.url, `/api/v1/tasks${query}`, { token })).body;
const ids = async (token: string, query = '') => (await list(token, query)).items.map((t) => t.id);
const act = (token: string, id: string, what: 'complete' | 'reopen' | 'snooze', body: unknown = {}) =>
  api<TaskDto>(s.url, `/api/v1/tasks/${id}/${what}`, { token, body });

async function passTime(ms: number, server = s): Promise<void> {
  await clock.advance(ms);
  await server.app.ctx.jobs.runDue();
}

describe('tasks', () => {
  it('are added on a conversation or a contact, listed, changed, done, reopened and deleted', async () => {
    const c = await conversation();
    const made = await create(admin, {
      conversationId: c,
      title: 'Follow up on Friday',
      note: 'Call about the refund',
      assigneeId: beaId,
      dueAt: clock.now() + 3 * HOUR,
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      title: 'Follow up on Friday',
      note: 'Call about the refund',
      conversationId: c,
      contactId: null,
      assignee: { id: beaId, name: 'Bea Bauer' },
      createdBy: { name: 'Admin' },
      status: 'open',
      doneAt: null,
    });
    const id = made.body.id;
    expect((await s.app.ctx.jobs.get(dueKey(id)))?.status).toBe('pending');

    // Bea's, and everyone's; not the admin's own.
    expect(await ids(bea)).toContain(id);
    expect(await ids(admin)).not.toContain(id);
    expect(await ids(admin, '?view=all')).toContain(id);
    expect(await ids(admin, `?view=all&conversationId=${c}`)).toEqual([id]);
    expect(await ids(admin, '?view=overdue')).not.toContain(id);

    const contact = await api<{ id: string }>(s.url, '/api/v1/contacts', { token: bea, body: { name: 'Dana Doe' } });
    const onContact = await create(bea, { contactId: contact.body.id, title: 'Send the quote', dueAt: clock.now() + HOUR });
    expect(onContact.body).toMatchObject({ contactId: contact.body.id, conversationId: null, assignee: { id: beaId } });
    expect(await ids(bea, `?view=all&contactId=${contact.body.id}`)).toEqual([onContact.body.id]);
    // Mine, soonest due first.
    expect((await ids(bea)).indexOf(onContact.body.id)).toBeLessThan((await ids(bea)).indexOf(id));

    const edited = await api<TaskDto>(s.url, `/api/v1/tasks/${id}`, { method: 'PATCH', token: bea, body: { title: 'Call back on Friday', note: null } });
    expect(edited.body).toMatchObject({ title: 'Call back on Friday', note: null });

    const done = await act(bea, id, 'complete');
    expect(done.body).toMatchObject({ status: 'done', doneAt: clock.now() });
    expect(await ids(bea)).not.toContain(id);
    expect(await ids(bea, '?view=done')).toContain(id);
    expect((await act(bea, id, 'reopen')).body).toMatchObject({ status: 'open', doneAt: null });
    expect(await ids(bea)).toContain(id);

    // Deleted by its creator, its assignee or a supervisor: not by another operator.
    expect((await api(s.url, `/api/v1/tasks/${id}`, { method: 'DELETE', token: cal })).status).toBe(403);
    expect((await api(s.url, `/api/v1/tasks/${id}`, { method: 'DELETE', token: bea })).status).toBe(204);
    expect((await api(s.url, `/api/v1/tasks/${id}`, { token: admin })).status).toBe(404);
    expect((await s.app.ctx.jobs.get(dueKey(id)))?.status).toBe('cancelled');
  });

  it('tells the consoles of the operators it concerns when it changes, and no one else', async () => {
    const c = await conversation();
    const beaConsole = operatorClient(s.wsUrl, bea);
    const calConsole = operatorClient(s.wsUrl, cal);
    await Promise.all([beaConsole.waitFor('welcome'), calConsole.waitFor('welcome')]);
    const task = (await create(admin, { conversationId: c, title: 'Given to Bea', assigneeId: beaId, dueAt: clock.now() + HOUR })).body;
    const added = await beaConsole.waitFor('task', (f) => f.task.id === task.id);
    expect(added).toMatchObject({ deleted: false, task: { title: 'Given to Bea', status: 'open' } });
    // Handed to Cal: Bea hears it leave her, Cal hears it come.
    await api(s.url, `/api/v1/tasks/${task.id}`, { method: 'PATCH', token: admin, body: { assigneeId: calId } });
    await beaConsole.waitFor('task', (f) => f.task.id === task.id && f.task.assignee.id === calId);
    await calConsole.waitFor('task', (f) => f.task.id === task.id && f.task.assignee.id === calId);
    await act(cal, task.id, 'complete');
    await calConsole.waitFor('task', (f) => f.task.id === task.id && f.task.status === 'done');
    await api(s.url, `/api/v1/tasks/${task.id}`, { method: 'DELETE', token: cal });
    await calConsole.waitFor('task', (f) => f.task.id === task.id && f.deleted);
    // A task that concerns neither of them reaches neither.
    const own = (await create(admin, { conversationId: c, title: 'The admin’s own', dueAt: clock.now() + HOUR })).body;
    await act(admin, own.id, 'complete');
    // (A later one for each of them arrives after anything of the admin's own would have.)
    const later = (await create(admin, { conversationId: c, title: 'Later for Bea', assigneeId: beaId, dueAt: clock.now() + HOUR })).body;
    await api(s.url, `/api/v1/tasks/${later.id}`, { method: 'PATCH', token: admin, body: { assigneeId: calId } });
    await calConsole.waitFor('task', (f) => f.task.id === later.id);
    await beaConsole.waitFor('task', (f) => f.task.id === later.id && f.task.assignee.id === calId);
    await act(cal, later.id, 'complete');
    const stray = [...beaConsole.frames, ...calConsole.frames].filter((f) => f.type === 'task' && f.task.id === own.id);
    expect(stray).toEqual([]);
    beaConsole.close();
    calConsole.close();
  });

  it('refuses bad input, with nothing stored', async () => {
    const c = await conversation();
    const before = (await ids(admin, '?view=all')).length;
    const contact = await api<{ id: string }>(s.url, '/api/v1/contacts', { token: admin, body: { name: 'Eve' } });
    expect((await create(admin, { title: 'About nothing', dueAt: clock.now() + HOUR })).status).toBe(400);
    expect((await create(admin, { conversationId: c, contactId: contact.body.id, title: 'Both', dueAt: clock.now() + HOUR })).status).toBe(400);
    expect((await create(admin, { conversationId: c, title: '  ', dueAt: clock.now() + HOUR })).status).toBe(400);
    expect((await create(admin, { conversationId: c, title: 'Who?', assigneeId: 'no-such-operator', dueAt: clock.now() + HOUR })).status).toBe(400);
    expect((await create(admin, { conversationId: 'no-such-conversation', title: 'Where?', dueAt: clock.now() + HOUR })).status).toBe(404);
    expect((await ids(admin, '?view=all')).length).toBe(before);
  });

  it('are seen only by who may see their conversation or contact; the assignee must see it too', async () => {
    const c = await conversation(s, 'A billing question');
    await api(s.url, `/api/v1/conversations/${c}/team`, { token: admin, body: { teamId: billingTeamId } });
    // Bea is not of Billing: she cannot add one there, nor be given one.
    expect((await create(bea, { conversationId: c, title: 'Not mine to see', dueAt: clock.now() + HOUR })).status).toBe(404);
    const refused = await create(admin, { conversationId: c, title: 'For Bea', assigneeId: beaId, dueAt: clock.now() + HOUR });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('Bea Bauer cannot see this conversation');

    const calTask = (await create(admin, { conversationId: c, title: 'Refund the invoice', assigneeId: calId, dueAt: clock.now() + HOUR })).body;
    expect(await ids(cal)).toContain(calTask.id);
    expect(await ids(cal, '?view=all')).toContain(calTask.id);
    expect(await ids(bea, '?view=all')).not.toContain(calTask.id);
    for (const view of ['all', 'overdue', 'done']) expect(await ids(bea, `?view=${view}`)).not.toContain(calTask.id);
    expect((await api(s.url, `/api/v1/tasks/${calTask.id}`, { token: bea })).status).toBe(404);
    expect((await act(bea, calTask.id, 'complete')).status).toBe(404);
    expect((await api(s.url, `/api/v1/tasks?conversationId=${c}`, { token: bea })).status).toBe(404);
    expect((await api(s.url, `/api/v1/tasks/${calTask.id}`, { method: 'DELETE', token: bea })).status).toBe(404);
    await act(cal, calTask.id, 'complete');
  });

  it('pages through a list with the cursor, in due order', async () => {
    const c = await conversation();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await create(cal, { conversationId: c, title: `Step ${i}`, dueAt: clock.now() + (10 - i) * HOUR })).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: TaskDto[]; nextCursor: string | null } = await list(
        cal,
        `?view=all&conversationId=${c}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    for (const id of made) await api(s.url, `/api/v1/tasks/${id}`, { method: 'DELETE', token: cal });
  });

  it('is announced once at its due time, to the event and to the assignee’s console, and not before', async () => {
    const c = await conversation();
    const beaConsole = operatorClient(s.wsUrl, bea);
    await beaConsole.waitFor('welcome');
    const task = (await create(admin, { conversationId: c, title: 'Follow up on Friday', assigneeId: beaId, dueAt: clock.now() + HOUR })).body;
    await passTime(59 * MINUTE);
    expect(due.filter((e) => e.taskId === task.id)).toEqual([]);
    await passTime(MINUTE);
    expect(due.filter((e) => e.taskId === task.id)).toEqual([
      {
        type: 'task.due',
        workspaceId: expect.any(String),
        taskId: task.id,
        assigneeId: beaId,
        title: 'Follow up on Friday',
        conversationId: c,
        contactId: null,
        dueAt: task.dueAt,
      },
    ]);
    const frame = await beaConsole.waitFor('taskDue', (f) => f.task.id === task.id);
    expect(frame.task).toMatchObject({ title: 'Follow up on Friday', assignee: { id: beaId } });
    expect(frame.overdue).toBe((await list(bea)).overdue);
    expect(frame.overdue).toBeGreaterThanOrEqual(1);
    expect(await ids(bea, '?view=overdue')).toContain(task.id);
    // Once, however long it stays open; reopening it after done does not announce it again.
    await passTime(3 * HOUR);
    await act(bea, task.id, 'complete');
    await act(bea, task.id, 'reopen');
    await passTime(HOUR);
    expect(due.filter((e) => e.taskId === task.id)).toHaveLength(1);
    await act(bea, task.id, 'complete');
    beaConsole.close();
  });

  it('snoozed, is announced at its new time only: the job is replaced', async () => {
    const c = await conversation();
    const task = (await create(bea, { conversationId: c, title: 'Ask about the delivery', dueAt: clock.now() + 30 * MINUTE })).body;
    const before = await s.app.ctx.jobs.get(dueKey(task.id));
    expect(Number(before?.run_at)).toBe(task.dueAt);
    expect((await act(bea, task.id, 'snooze', { until: clock.now() - 1 })).status).toBe(400);
    const snoozed = await act(bea, task.id, 'snooze', { until: clock.now() + 2 * HOUR });
    expect(snoozed.body.dueAt).toBe(clock.now() + 2 * HOUR);
    const after = await s.app.ctx.jobs.get(dueKey(task.id));
    expect(after?.id).toBe(before?.id);
    expect(Number(after?.run_at)).toBe(snoozed.body.dueAt);
    await passTime(31 * MINUTE);
    expect(due.filter((e) => e.taskId === task.id)).toEqual([]);
    // A new due time set by editing moves it the same way.
    await api(s.url, `/api/v1/tasks/${task.id}`, { method: 'PATCH', token: bea, body: { dueAt: clock.now() + 3 * HOUR } });
    await passTime(2 * HOUR);
    expect(due.filter((e) => e.taskId === task.id)).toEqual([]);
    await passTime(HOUR);
    expect(due.filter((e) => e.taskId === task.id).map((e) => e.dueAt)).toEqual([clock.now()]);
    // Snoozing a task that was announced announces it again at the new time.
    await act(bea, task.id, 'snooze', { until: clock.now() + HOUR });
    await passTime(HOUR);
    expect(due.filter((e) => e.taskId === task.id)).toHaveLength(2);
    await act(bea, task.id, 'complete');
    expect((await act(bea, task.id, 'snooze', { until: clock.now() + HOUR })).status).toBe(409);
  });

  it('done, is never announced: its job is cancelled', async () => {
    const c = await conversation();
    const task = (await create(bea, { conversationId: c, title: 'Check the order', dueAt: clock.now() + HOUR })).body;
    await act(bea, task.id, 'complete');
    expect((await s.app.ctx.jobs.get(dueKey(task.id)))?.status).toBe('cancelled');
    await passTime(2 * HOUR);
    expect(due.filter((e) => e.taskId === task.id)).toEqual([]);
  });
});

describe('tasks follow what they are about', () => {
  it('into the survivor of a conversation merge or a contact merge, and away with a deleted contact', async () => {
    // Two conversations of one visitor: the older one (resolved) merged into the newer.
    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await visitor.waitFor('welcome');
    const first = (await visitor.client.send({ body: 'First visit' })).conversationId;
    await api(s.url, `/api/v1/conversations/${first}/status`, { token: admin, body: { status: 'resolved' } });
    const second = (await visitor.client.send({ body: 'Back again' })).conversationId;
    visitor.close();
    expect(second).not.toBe(first);
    const onFirst = (await create(admin, { conversationId: first, title: 'About the first visit', dueAt: clock.now() + HOUR })).body;
    const merged = await api(s.url, `/api/v1/conversations/${second}/merge`, { token: admin, body: { conversationId: first } });
    expect(merged.status).toBeLessThan(300);
    expect(await ids(admin, `?view=all&conversationId=${second}`)).toContain(onFirst.id);

    const keep = await api<{ id: string }>(s.url, '/api/v1/contacts', { token: admin, body: { name: 'Keep' } });
    const gone = await api<{ id: string }>(s.url, '/api/v1/contacts', { token: admin, body: { name: 'Merged away' } });
    const onGone = (await create(admin, { contactId: gone.body.id, title: 'Send the brochure', dueAt: clock.now() + HOUR })).body;
    await api(s.url, `/api/v1/contacts/${keep.body.id}/merge`, { token: admin, body: { contactId: gone.body.id } });
    expect(await ids(admin, `?view=all&contactId=${keep.body.id}`)).toEqual([onGone.id]);

    const doomed = await api<{ id: string }>(s.url, '/api/v1/contacts', { token: admin, body: { name: 'Deleted soon' } });
    const onDoomed = (await create(admin, { contactId: doomed.body.id, title: 'Never mind', dueAt: clock.now() + HOUR })).body;
    expect((await api(s.url, `/api/v1/contacts/${doomed.body.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    expect((await api(s.url, `/api/v1/tasks/${onDoomed.id}`, { token: admin })).status).toBe(404);
    expect((await s.app.ctx.jobs.get(dueKey(onDoomed.id)))?.status).toBe('cancelled');
    for (const id of [onFirst.id, onGone.id]) await act(admin, id, 'complete');
  });
});

describe('a task’s reminder', () => {
  it('survives a restart: a server started again on the same database announces it at its time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-tasks-'));
    const restartClock = new ManualClock(Date.now());
    try {
      const first = await startTestServer({ deps: { clock: restartClock }, keepDataDir: dir });
      const token = await login(first.url);
      const c = await conversation(first);
      const task = (await create(token, { conversationId: c, title: 'Follow up on Friday', dueAt: restartClock.now() + 2 * HOUR }, first)).body;
      expect(task.status).toBe('open');
      await first.close();

      const second = await startTestServer({ deps: { clock: restartClock }, keepDataDir: dir });
      const heard: EventOf<'task.due'>[] = [];
      second.app.ctx.events.on('task.due', (e) => {
        heard.push(e);
      });
      try {
        await restartClock.advance(HOUR);
        await second.app.ctx.jobs.runDue();
        expect(heard).toEqual([]);
        await restartClock.advance(HOUR);
        await second.app.ctx.jobs.runDue();
        expect(heard.map((e) => [e.taskId, e.title])).toEqual([[task.id, 'Follow up on Friday']]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
