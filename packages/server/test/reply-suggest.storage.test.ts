/**
 * Reply suggestions on every storage backend (SQLite, PostgreSQL): earlier
 * answers built from stored messages (the first use) and kept as operators
 * reply (and, built again after its time to live, those of other nodes);
 * usage events stored and counted (migration 0038).
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
import type { Operator } from '../src/operator/operator.js';
import { createOperator } from '../src/operator/operator.service.js';
import { PairStore } from '../src/reply-suggest/pair-store.js';
import { recordSuggestionEvent, suggestionStats } from '../src/reply-suggest/reply-suggest.js';
import { createTeam } from '../src/team/team.service.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('reply suggestions on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;
  let olga: Operator;
  let teamId: string;
  let seq = 0;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-suggest-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath, clock));
    ws = await createWorkspace(ctx, { name: 'S', ownerEmail: `s-${tag}@x.test`, ownerName: 'Sam', ownerPassword: 'password-s', inboxName: 'Web' });
    olga = (await createOperator(ctx, ws.owner, { email: `olga-${tag}@x.test`, name: 'Olga', role: 'operator', password: 'lantern-orchard-basalt' })).operator;
    teamId = (await createTeam(ctx, ws.owner, { name: 'Billing', memberIds: [ws.owner.id] }, { changed: async () => {} })).id;
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function conversation(team: string | null): Promise<string> {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    const id = (await startConversation(ctx.db, { workspaceId: ws.workspaceId, inboxId: visitor.inboxId, visitorId: visitor.id, now: ctx.now() })).id;
    if (team) await handle.db.updateTable('conversations').set({ team_id: team }).where('id', '=', id).execute();
    return id;
  }

  async function message(conversationId: string, author: 'visitor' | 'operator', body: string): Promise<{ id: string; seq: number }> {
    seq++;
    const id = `m-${tag}-${seq}`;
    await handle.db
      .insertInto('messages')
      .values({
        id,
        workspace_id: ws.workspaceId,
        conversation_id: conversationId,
        seq,
        client_id: null,
        author_kind: author,
        author_id: null,
        author_name: null,
        kind: 'text',
        body,
        attachments: '[]',
        event: null,
        created_at: clock.now() + seq,
      })
      .execute();
    return { id, seq };
  }

  it('builds earlier answers from stored messages, then adds each operator reply', async () => {
    const open = await conversation(null);
    await message(open, 'visitor', 'Do you ship to Norway?');
    await message(open, 'operator', 'Yes, to Norway in five days.');
    const store = new PairStore(ctx);
    const index = await store.index(ws.workspaceId);
    expect(index.search('Can you ship to Norway?').map((p) => p.answer)).toEqual(['Yes, to Norway in five days.']);

    const billing = await conversation(teamId);
    await message(billing, 'visitor', 'Why was my card charged twice?');
    const reply = await message(billing, 'operator', 'A double charge is refunded within three days.');
    await store.operatorReplied(ws.workspaceId, {
      id: reply.id,
      conversationId: billing,
      seq: reply.seq,
      body: 'A double charge is refunded within three days.',
    });
    expect(index.search('My card was charged twice')[0]).toMatchObject({ conversationId: billing, answer: 'A double charge is refunded within three days.' });
  });

  it('takes in replies stored through another node when it builds again, after its time to live', async () => {
    const store = new PairStore(ctx, { ttlMs: 60_000 });
    await store.index(ws.workspaceId);
    const other = await conversation(null);
    await message(other, 'visitor', 'Can I pay with a voucher?');
    await message(other, 'operator', 'Vouchers are accepted at checkout.');
    expect((await store.index(ws.workspaceId)).search('pay with a voucher')).toEqual([]);
    await clock.advance(61_000);
    await store.index(ws.workspaceId);
    await expect
      .poll(async () => (await store.index(ws.workspaceId)).search('pay with a voucher').map((p) => p.answer))
      .toEqual(['Vouchers are accepted at checkout.']);
  });

  it('stores usage events and counts them by action and source', async () => {
    const open = await conversation(null);
    await recordSuggestionEvent(ctx, olga, open, { suggestionId: 'article:a1', action: 'shown' });
    await recordSuggestionEvent(ctx, olga, open, { suggestionId: 'article:a1', action: 'inserted' });
    await recordSuggestionEvent(ctx, olga, open, { suggestionId: 'article:a1', action: 'edited' });
    await recordSuggestionEvent(ctx, olga, open, { suggestionId: 'answer:m1', action: 'shown' });
    await recordSuggestionEvent(ctx, olga, open, { suggestionId: 'answer:m1', action: 'ignored' });
    const billing = await conversation(teamId);
    await expect(recordSuggestionEvent(ctx, olga, billing, { suggestionId: 'article:a1', action: 'shown' })).rejects.toMatchObject({ code: 'not_found' });
    const stats = await suggestionStats(ctx, ws.owner, 30);
    expect(stats).toMatchObject({ shown: 2, inserted: 1, edited: 1, sent: 0, ignored: 1 });
    expect(stats.bySource.article).toEqual({ shown: 1, inserted: 1, edited: 1, sent: 0, ignored: 0 });
    await clock.advance(31 * 86_400_000);
    expect((await suggestionStats(ctx, ws.owner, 30)).shown).toBe(0);
  });
});
