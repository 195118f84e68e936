/**
 * Send later and snooze wake-ups on every storage backend, on the one clock:
 * the job and the row are written together, the message goes out once at its
 * time, a cancelled one never does, and a snoozed conversation wakes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import { startConversation } from '../src/conversation/start-conversation.js';
import { snoozeConversation } from '../src/conversation/snooze-conversation.js';
import { findConversation } from '../src/conversation/conversation.repository.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { cancelScheduledMessage, scheduleMessage } from '../src/scheduled/schedule-message.js';
import { sendKey } from '../src/scheduled/scheduled.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('send later and wake-ups on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-scheduled-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath, clock));
    ws = await createWorkspace(ctx, { name: 'S', ownerEmail: `s-${tag}@x.test`, ownerName: 'Sam', ownerPassword: 'password-s', inboxName: 'Web' });
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function conversation(): Promise<string> {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    return (await startConversation(ctx.db, { workspaceId: ws.workspaceId, inboxId: visitor.inboxId, visitorId: visitor.id, now: ctx.now() })).id;
  }
  const bodies = async (id: string) => (await handle.db.selectFrom('messages').select('body').where('conversation_id', '=', id).execute()).map((m) => m.body);

  it('sends a scheduled message once at its time, and never a cancelled one', async () => {
    const id = await conversation();
    const kept = await scheduleMessage(ctx, ws.owner, id, { body: 'At ten', sendAt: clock.now() + 3600_000 });
    const dropped = await scheduleMessage(ctx, ws.owner, id, { body: 'Never', sendAt: clock.now() + 3600_000 });
    await cancelScheduledMessage(ctx, ws.owner, id, dropped.scheduled.id);
    expect((await ctx.jobs.get(sendKey(kept.scheduled.id)))?.status).toBe('pending');
    await clock.advance(3600_000);
    expect(await ctx.jobs.runDue()).toBeGreaterThanOrEqual(1);
    await ctx.jobs.runDue();
    expect(await bodies(id)).toEqual(['At ten']);
    const row = await handle.db.selectFrom('scheduled_messages').selectAll().where('id', '=', kept.scheduled.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent' });
    expect(Number(row.message_seq)).toBe(1);
  });

  it('wakes a snoozed conversation at its time', async () => {
    const id = await conversation();
    await snoozeConversation(ctx, { actor: ws.owner, conversationId: id, until: clock.now() + 600_000 });
    await clock.advance(600_000);
    await ctx.jobs.runDue();
    expect((await findConversation(handle.db, ws.workspaceId, id))?.status).toBe('open');
    expect(await bodies(id)).toEqual([expect.stringMatching(/^Snoozed until/), 'Woken up: the snooze time came']);
  });
});
