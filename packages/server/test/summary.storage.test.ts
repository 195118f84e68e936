/**
 * Conversation summaries on every storage backend, on one clock moved by
 * hand: stored and listed latest first, the latest of many conversations in
 * one query (the export's page), and a handover's summary made by its durable
 * job exactly once however often the job is scheduled and run.
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
import { noLanguageModel } from '../src/language-model/language-model.js';
import { appendMessages } from '../src/message/message.repository.js';
import { makeSummary } from '../src/summary/make-summary.js';
import { subscribeSummaries } from '../src/summary/subscribe.js';
import { latestSummaries, listSummaries } from '../src/summary/summary.repository.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('conversation summaries on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;
  const published: string[] = [];

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-summaries-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath, clock));
    ctx.languageModel = noLanguageModel;
    subscribeSummaries(ctx, { publish: async (room) => void published.push(room) }, (err) => {
      throw err;
    });
    ws = await createWorkspace(ctx, { name: 'S', ownerEmail: `s-${tag}@x.test`, ownerName: 'Sia', ownerPassword: 'password-s', inboxName: 'Web' });
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function conversation(): Promise<string> {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    const id = (await startConversation(ctx.db, { workspaceId: ws.workspaceId, inboxId: visitor.inboxId, visitorId: visitor.id, now: ctx.now() })).id;
    const m = (kind: 'visitor' | 'operator', body: string) => ({
      clientId: null,
      author: { kind, id: kind === 'operator' ? ws.owner.id : visitor.id, name: kind === 'operator' ? 'Sia' : null },
      kind: 'text' as const,
      body,
      attachments: [],
      event: null,
      createdAt: ctx.now(),
    });
    await appendMessages(ctx.db, ctx.dbKind, ws.workspaceId, id, [
      m('visitor', 'My invoice for March shows the wrong company address.'),
      m('operator', 'I have updated the company address on your account.'),
      m('visitor', 'Will the March invoice be sent again?'),
    ]);
    return id;
  }

  it('stores summaries and lists them latest first; the latest of several conversations in one query', async () => {
    const a = await conversation();
    const b = await conversation();
    const first = await makeSummary(ctx, { workspaceId: ws.workspaceId, conversationId: a, reason: 'transfer', createdBy: ws.owner.id });
    clock.set(clock.now() + 60_000);
    const second = await makeSummary(ctx, { workspaceId: ws.workspaceId, conversationId: a, reason: 'request', createdBy: null });
    expect(first).toMatchObject({
      source: 'extractive',
      problem: ['My invoice for March shows the wrong company address.', 'Will the March invoice be sent again?'],
    });
    expect(first.pending).toEqual(['Will the March invoice be sent again?']);
    expect((await listSummaries(ctx.db, ws.workspaceId, a)).map((s) => s.id)).toEqual([second.id, first.id]);
    expect(await listSummaries(ctx.db, ws.workspaceId, b)).toEqual([]);
    const latest = await latestSummaries(ctx.db, ws.workspaceId, [a, b]);
    expect([...latest.keys()]).toEqual([a]);
    expect(latest.get(a)).toEqual(second);
    // Another workspace's id lists nothing.
    expect(await listSummaries(ctx.db, 'another-workspace', a)).toEqual([]);
  });

  it('makes the summary of a 200-message conversation (read, summarized, stored) in milliseconds', async () => {
    const id = await conversation();
    const { visitor_id } = await ctx.db.selectFrom('conversations').select('visitor_id').where('id', '=', id).executeTakeFirstOrThrow();
    const topics = ['invoice', 'company address', 'VAT number', 'payment card', 'plan', 'receipt'];
    await appendMessages(
      ctx.db,
      ctx.dbKind,
      ws.workspaceId,
      id,
      Array.from({ length: 197 }, (_, i) => ({
        clientId: null,
        author: i % 2 ? { kind: 'operator' as const, id: ws.owner.id, name: 'Sia' } : { kind: 'visitor' as const, id: visitor_id, name: null },
        kind: 'text' as const,
        body:
          i % 2 ? `I have updated the ${topics[i % 6]} on your account.` : `The ${topics[i % 6]} on my March invoice is still wrong. Why is it not updated?`,
        attachments: [],
        event: null,
        createdAt: ctx.now(),
      })),
    );
    await makeSummary(ctx, { workspaceId: ws.workspaceId, conversationId: id, reason: 'request', createdBy: null });
    const runs = 10;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) await makeSummary(ctx, { workspaceId: ws.workspaceId, conversationId: id, reason: 'request', createdBy: null });
    const ms = (performance.now() - t0) / runs;
    console.log(`${backend.name}: a 200-message conversation summarized and stored in ${ms.toFixed(1)} ms (mean of ${runs})`);
    // The figure is printed above; the bound only catches a blow-up, not a loaded machine.
    expect(ms).toBeLessThan(5000);
  });

  it('a handover’s summary is made by its job, once', async () => {
    const id = await conversation();
    published.length = 0;
    const handedOver = {
      type: 'conversation.handed_over' as const,
      workspaceId: ws.workspaceId,
      conversationId: id,
      botId: 'bot',
      reason: 'no_answer' as const,
    };
    ctx.events.emit(handedOver);
    ctx.events.emit(handedOver);
    await expect.poll(async () => (await ctx.jobs.get(`conversation.summary:${id}:handover`))?.status).toBe('pending');
    expect(await ctx.jobs.runDue()).toBe(1);
    expect(await ctx.jobs.runDue()).toBe(0);
    const stored = await listSummaries(ctx.db, ws.workspaceId, id);
    expect(stored.map((s) => [s.reason, s.createdBy])).toEqual([['handover', null]]);
    const job = await ctx.jobs.get(`conversation.summary:${id}:handover`);
    expect(job?.status).toBe('done');
    expect(stored[0]!.id).toBe(job?.id);
    await expect.poll(() => published).toContain(`conversation-team:${id}`);
  });
});
