/**
 * Tasks on every storage backend, on the one clock: the visibility rule in
 * the SQL of lists (a task of another team's conversation is not listed for
 * an operator, is for the owner), paging in due order, and the reminder: the
 * job and the task are written together, it announces `task.due` once at the
 * due time, a snooze moves it, done cancels it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import { startConversation } from '../src/conversation/start-conversation.js';
import type { DatabaseHandle } from '../src/db/database.js';
import type { EventOf } from '../src/events/events.js';
import type { Operator } from '../src/operator/operator.js';
import { createOperator } from '../src/operator/operator.service.js';
import { completeTask, createTask, listTasks, snoozeTask } from '../src/task/task.service.js';
import { dueKey } from '../src/task/task.js';
import { createTeam } from '../src/team/team.service.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

const HOUR = 3600_000;

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('tasks on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;
  let olga: Operator;
  let teamId: string;
  const due: EventOf<'task.due'>[] = [];

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-tasks-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath, clock));
    ctx.events.on('task.due', (e) => {
      due.push(e);
    });
    ws = await createWorkspace(ctx, { name: 'T', ownerEmail: `t-${tag}@x.test`, ownerName: 'Tam', ownerPassword: 'password-t', inboxName: 'Web' });
    const made = await createOperator(ctx, ws.owner, { email: `olga-${tag}@x.test`, name: 'Olga', role: 'operator', password: 'lantern-orchard-basalt' });
    olga = made.operator;
    teamId = (await createTeam(ctx, ws.owner, { name: 'Billing', memberIds: [ws.owner.id] }, { changed: async () => {} })).id;
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function conversation(team: string | null = null): Promise<string> {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    const id = (await startConversation(ctx.db, { workspaceId: ws.workspaceId, inboxId: visitor.inboxId, visitorId: visitor.id, now: ctx.now() })).id;
    if (team) await handle.db.updateTable('conversations').set({ team_id: team }).where('id', '=', id).execute();
    return id;
  }

  it('lists only the tasks of what the operator may see, in due order, a page at a time', async () => {
    const open = await conversation();
    const billing = await conversation(teamId);
    const a = await createTask(ctx, ws.owner, { conversationId: open, title: 'Second', dueAt: clock.now() + 2 * HOUR });
    const b = await createTask(ctx, ws.owner, { conversationId: billing, title: 'Billing only', dueAt: clock.now() + 3 * HOUR });
    const c = await createTask(ctx, olga, { conversationId: open, title: 'First', dueAt: clock.now() + HOUR });
    const ids = async (actor: Operator) => (await listTasks(ctx, actor, { view: 'all', limit: 50 })).items.map((t) => t.id);
    expect(await ids(ws.owner)).toEqual([c.id, a.id, b.id]);
    expect(await ids(olga)).toEqual([c.id, a.id]);
    const first = await listTasks(ctx, ws.owner, { view: 'all', limit: 2 });
    expect(first.items.map((t) => t.id)).toEqual([c.id, a.id]);
    const second = await listTasks(ctx, ws.owner, { view: 'all', limit: 2, cursor: first.nextCursor! });
    expect(second).toMatchObject({ items: [{ id: b.id }], nextCursor: null });
    for (const t of [a, b, c]) await completeTask(ctx, ws.owner, t.id);
    expect((await listTasks(ctx, ws.owner, { view: 'done', limit: 50 })).items).toHaveLength(3);
  });

  it('announces a task once at its due time; a snooze moves it, done cancels it', async () => {
    const id = await conversation();
    const task = await createTask(ctx, ws.owner, { conversationId: id, title: 'Call back', dueAt: clock.now() + HOUR });
    const other = await createTask(ctx, ws.owner, { conversationId: id, title: 'Never', dueAt: clock.now() + HOUR });
    await completeTask(ctx, ws.owner, other.id);
    expect((await ctx.jobs.get(dueKey(other.id)))?.status).toBe('cancelled');
    await snoozeTask(ctx, ws.owner, task.id, clock.now() + 2 * HOUR);
    await clock.advance(HOUR);
    await ctx.jobs.runDue();
    expect(due).toEqual([]);
    await clock.advance(HOUR);
    await ctx.jobs.runDue();
    await clock.advance(HOUR);
    await ctx.jobs.runDue();
    expect(due.map((e) => [e.taskId, e.dueAt])).toEqual([[task.id, clock.now() - HOUR]]);
    expect((await listTasks(ctx, ws.owner, { view: 'overdue', limit: 50 })).overdue).toBe(1);
  });
});
