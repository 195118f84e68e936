/**
 * Rules on every storage backend (SQLite and PostgreSQL), on the one clock:
 * a rule saved, fired by a visitor's message through the engine, its run and
 * its last error read back; a time event's wait worked out from the messages.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { sendMessage, sendOperatorMessage } from '../src/message/message.service.js';
import { RulesEngine } from '../src/rules/engine.js';
import { waitingSince } from '../src/rules/rule.repository.js';
import { createRule, listRules } from '../src/rules/rule.service.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('rules on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let ctx: Context;
  let ws: NewWorkspace;
  let engine: RulesEngine;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    ({ ctx } = await contextOn(handle, mkdtempSync(join(tmpdir(), 'sb-rules-')), backend.fastPath, clock));
    ws = await createWorkspace(ctx, { name: 'R', ownerEmail: `r-${tag}@x.test`, ownerName: 'Rita', ownerPassword: 'password-r', inboxName: 'Web' });
    engine = new RulesEngine(ctx, async () => {});
    await engine.start();
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
  });

  it('runs a rule and records its run; a failing one shows its last error', async () => {
    const ok = await createRule(ctx, engine, ws.owner, {
      name: 'Urgent',
      enabled: true,
      event: { type: 'visitor_message' },
      conditions: [{ field: 'inbox', op: 'is', inboxId: ws.inbox.id }],
      actions: [{ type: 'set_priority', priority: 'urgent' }],
    });
    const bad = await createRule(ctx, engine, ws.owner, {
      name: 'Notify',
      enabled: true,
      event: { type: 'visitor_message' },
      conditions: [],
      actions: [{ type: 'notify_supervisors' }],
    });
    await ctx.db.updateTable('operators').set({ disabled_at: clock.now() }).where('id', '=', ws.owner.id).execute();
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    const sent = await sendMessage(ctx, {
      workspaceId: ws.workspaceId,
      visitor,
      author: { kind: 'visitor', id: visitor.id, name: null },
      clientId: 'c1',
      body: 'Hi',
    });
    const id = sent.message.conversationId;
    const out = await engine.fire(ws.workspaceId, id, { type: 'visitor_message' });
    expect(out).toEqual([
      { ruleId: ok.id, outcome: 'ok', reason: null },
      { ruleId: bad.id, outcome: 'failed', reason: 'Notify supervisors: No supervisor to notify' },
    ]);
    await ctx.db.updateTable('operators').set({ disabled_at: null }).where('id', '=', ws.owner.id).execute();
    const row = await ctx.db.selectFrom('conversations').select('priority').where('id', '=', id).executeTakeFirstOrThrow();
    expect(Number(row.priority)).toBe(0);
    const listed = await listRules(ctx, ws.owner);
    expect(listed.map((r) => [r.name, r.lastRun?.outcome, r.lastError?.reason ?? null])).toEqual([
      ['Urgent', 'ok', null],
      ['Notify', 'failed', 'Notify supervisors: No supervisor to notify'],
    ]);
  });

  it('works out since when the visitor has waited: their first message after the last answer', async () => {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    const author = { kind: 'visitor' as const, id: visitor.id, name: null };
    const first = await sendMessage(ctx, { workspaceId: ws.workspaceId, visitor, author, clientId: 'w1', body: 'One' });
    const id = first.message.conversationId;
    const t0 = clock.now();
    await clock.advance(60_000);
    await sendMessage(ctx, { workspaceId: ws.workspaceId, conversationId: id, visitor, author, clientId: 'w2', body: 'Two' });
    expect(await waitingSince(ctx.db, id)).toBe(t0);
    await sendOperatorMessage(ctx, ws.owner, { conversationId: id, clientId: 'o1', body: 'Hello' });
    expect(await waitingSince(ctx.db, id)).toBeNull();
    await clock.advance(60_000);
    await sendMessage(ctx, { workspaceId: ws.workspaceId, conversationId: id, visitor, author, clientId: 'w3', body: 'Three' });
    expect(await waitingSince(ctx.db, id)).toBe(clock.now());
  });

  it('drops the compiled rules on every node when one node changes them (pub/sub)', async () => {
    const other = new RulesEngine(ctx, async () => {});
    await other.start();
    const before = await other.compiled(ws.workspaceId);
    expect(before.byTrigger.has('mood_soured')).toBe(false);
    await createRule(ctx, engine, ws.owner, { name: 'Mood', enabled: true, event: { type: 'mood_soured' }, conditions: [], actions: [{ type: 'escalate' }] });
    for (let i = 0; i < 100 && (await other.compiled(ws.workspaceId)) === before; i++) await new Promise((r) => setImmediate(r));
    expect((await other.compiled(ws.workspaceId)).byTrigger.get('mood_soured')?.map((c) => c.rule.name)).toEqual(['Mood']);
  });
});
