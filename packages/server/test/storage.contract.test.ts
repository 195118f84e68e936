/**
 * The storage contract: the same behaviour on every backend (SQLite always,
 * PostgreSQL when reachable; required in CI).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import type { Context } from '../src/context.js';
import { migrate, type DatabaseHandle } from '../src/db/database.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { sendMessage } from '../src/message/message.service.js';
import { listConversations, listMessagesAfterSeq, listMessagesBeforeSeq } from './storage.helpers.js';
import { advanceReadSeq, findConversation } from '../src/conversation/conversation.repository.js';
import { assignConversation } from '../src/conversation/assign-conversation.js';
import { setConversationStatus } from '../src/conversation/set-conversation-status.js';
import { countViews } from '../src/conversation/conversation.repository.js';
import { mergeConversations } from '../src/conversation/merge-conversations.js';
import { createLabel } from '../src/label/label.service.js';
import { setConversationLabels } from '../src/label/set-conversation-labels.js';
import { deleteExpiredSessions, insertSession } from '../src/operator/session.repository.js';
import type { NewWorkspace } from '../src/workspace/workspace.service.js';
import { AppError } from '../src/errors.js';
import type { DomainEvent } from '../src/events/events.js';

describe.each(BACKENDS)('storage contract on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let events: DomainEvent[];
  let a: NewWorkspace;
  let b: NewWorkspace;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-contract-'));
    ({ ctx, events } = await contextOn(handle, dir, backend.fastPath));
    a = await createWorkspace(ctx, { name: 'A', ownerEmail: `a-${tag}@x.test`, ownerName: 'Ann', ownerPassword: 'password-a', inboxName: 'Web' });
    b = await createWorkspace(ctx, { name: 'B', ownerEmail: `b-${tag}@x.test`, ownerName: 'Bob', ownerPassword: 'password-b', inboxName: 'Web' });
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function visitorIn(ws: NewWorkspace) {
    return (await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey })).visitor;
  }
  const author = (id: string) => ({ kind: 'visitor' as const, id, name: null });

  it('migrates idempotently', async () => {
    await migrate(handle.db, handle.sqlite);
    await migrate(handle.db, handle.sqlite);
    const n = await handle.db.selectFrom('workspaces').select('id').execute();
    expect(n.length).toBe(2);
  });

  it('gives gapless sequence numbers to concurrent sends, in one conversation', async () => {
    const v = await visitorIn(a);
    const first = await sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 'c0', body: 'first' });
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        sendMessage(ctx, {
          workspaceId: a.workspaceId,
          conversationId: first.message.conversationId,
          visitor: v,
          author: author(v.id),
          clientId: `c${i + 1}`,
          body: `m${i + 1}`,
        }),
      ),
    );
    const seqs = results.map((r) => r.message.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 2));
    // Sends from one client keep their order.
    expect(results.map((r) => r.message.seq)).toEqual(seqs);
    const conv = await findConversation(handle.db, a.workspaceId, first.message.conversationId);
    expect(conv?.last_seq).toBe(61);
  });

  it('keeps sends out of a transaction open elsewhere: they wait, and survive its rollback', async () => {
    const v = await visitorIn(a);
    const first = await sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 'held-0', body: 'first' });
    const conversationId = first.message.conversationId;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let entered: () => void = () => {};
    const inside = new Promise<void>((r) => (entered = r));
    const other = handle.db.transaction().execute(async (trx) => {
      await trx.updateTable('conversations').set({ last_message_preview: 'held' }).where('id', '=', conversationId).execute();
      entered();
      await gate;
      throw new Error('rolled back on purpose');
    });
    await inside;
    let acked = false;
    const pending = sendMessage(ctx, { workspaceId: a.workspaceId, conversationId, visitor: v, author: author(v.id), clientId: 'held-1', body: 'second' });
    void pending.then(() => (acked = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(acked).toBe(false);
    release();
    await expect(other).rejects.toThrow('rolled back on purpose');
    const r = await pending;
    expect(r.message.seq).toBe(2);
    const stored = await handle.db.selectFrom('messages').select(['seq', 'body']).where('conversation_id', '=', conversationId).orderBy('seq').execute();
    expect(stored.map((m) => [Number(m.seq), m.body])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
  });

  it('stores a client id once, even twice in the same batch, and scopes ids per conversation', async () => {
    const v = await visitorIn(a);
    const [x, y] = await Promise.all([
      sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 'same', body: 'hello' }),
      sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 'same', body: 'hello' }),
    ]);
    expect([x.duplicate, y.duplicate].sort()).toEqual([false, true]);
    expect(x.message.id).toBe(y.message.id);
    const other = await visitorIn(a);
    const z = await sendMessage(ctx, { workspaceId: a.workspaceId, visitor: other, author: author(other.id), clientId: 'same', body: 'hello' });
    expect(z.duplicate).toBe(false);
  });

  it('refuses a bad send without writing anything and without failing its batch', async () => {
    const v = await visitorIn(a);
    const before = await handle.db.selectFrom('conversations').select('id').where('visitor_id', '=', v.id).execute();
    const [bad, good] = await Promise.allSettled([
      sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 'bad', body: '', attachmentIds: ['nope'] }),
      sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 'good', body: 'fine' }),
    ]);
    expect(bad.status).toBe('rejected');
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    expect(good.status).toBe('fulfilled');
    const after = await handle.db.selectFrom('conversations').select('id').where('visitor_id', '=', v.id).execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('keeps workspaces apart: a conversation of B is invisible from A', async () => {
    const v = await visitorIn(b);
    const r = await sendMessage(ctx, { workspaceId: b.workspaceId, visitor: v, author: author(v.id), clientId: 'b1', body: 'in B' });
    expect(await findConversation(handle.db, a.workspaceId, r.message.conversationId)).toBeUndefined();
    await expect(
      sendMessage(ctx, {
        workspaceId: a.workspaceId,
        conversationId: r.message.conversationId,
        author: { kind: 'operator', id: a.owner.id, name: 'Ann' },
        clientId: 'x',
        body: 'sneak',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const listed = await listConversations(handle.db, a.workspaceId, 'all', a.owner.id);
    expect(listed.map((c) => c.id)).not.toContain(r.message.conversationId);
  });

  it('serves the inbox views, status filter and keyset pages in activity order', async () => {
    const ws = await createWorkspace(ctx, { name: 'C', ownerEmail: `c-${tag}@x.test`, ownerName: 'Cy', ownerPassword: 'password-c', inboxName: 'Web' });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const v = (await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey })).visitor;
      const r = await sendMessage(ctx, { workspaceId: ws.workspaceId, visitor: v, author: author(v.id), clientId: `k${i}`, body: `q${i}` });
      ids.push(r.message.conversationId);
      await new Promise((res) => setTimeout(res, 3));
    }
    await assignConversation(ctx, { actor: ws.owner, conversationId: ids[0] as string, operatorId: ws.owner.id });
    await setConversationStatus(ctx, { actor: ws.owner, conversationId: ids[1] as string, status: 'resolved' });
    const all = await listConversations(handle.db, ws.workspaceId, 'all', ws.owner.id);
    expect(all.length).toBe(7);
    expect(all[0]?.id).toBe(ids[1]); // most recent activity first
    const mine = await listConversations(handle.db, ws.workspaceId, 'mine', ws.owner.id);
    expect(mine.map((c) => c.id)).toEqual([ids[0]]);
    const unassigned = await listConversations(handle.db, ws.workspaceId, 'unassigned', ws.owner.id);
    expect(unassigned.length).toBe(6);
    const resolved = await listConversations(handle.db, ws.workspaceId, 'all', ws.owner.id, 'resolved');
    expect(resolved.map((c) => c.id)).toEqual([ids[1]]);
    // Pages of 3 cover everything once.
    const seen: string[] = [];
    let before: { updatedAt: number; id: string } | undefined;
    for (;;) {
      const page = await listConversations(handle.db, ws.workspaceId, 'all', ws.owner.id, undefined, before, 3);
      seen.push(...page.map((c) => c.id));
      const last = page.at(-1);
      if (page.length < 3 || !last) break;
      before = { updatedAt: last.updated_at, id: last.id };
    }
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it('pages history by sequence, both ways', async () => {
    const v = await visitorIn(a);
    let convId = '';
    for (let i = 1; i <= 12; i++) {
      const r = await sendMessage(ctx, {
        workspaceId: a.workspaceId,
        visitor: v,
        author: author(v.id),
        clientId: `h${i}`,
        body: `h${i}`,
        conversationId: convId || undefined,
      });
      convId = r.message.conversationId;
    }
    expect((await listMessagesAfterSeq(handle.db, convId, 9, 50)).map((m) => m.seq)).toEqual([10, 11, 12]);
    expect((await listMessagesBeforeSeq(handle.db, convId, 5, 2)).map((m) => m.seq)).toEqual([3, 4]);
  });

  it('moves read state only forward and never past the last message', async () => {
    const v = await visitorIn(a);
    const r = await sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 'r1', body: 'read me' });
    const id = r.message.conversationId;
    expect(await advanceReadSeq(handle.db, a.workspaceId, id, 'operator', 5)).toBe(false);
    expect(await advanceReadSeq(handle.db, a.workspaceId, id, 'operator', 1)).toBe(true);
    expect(await advanceReadSeq(handle.db, a.workspaceId, id, 'operator', 1)).toBe(false);
    expect(await advanceReadSeq(handle.db, b.workspaceId, id, 'visitor', 1)).toBe(false);
  });

  it('records assignment and status as system messages in sequence', async () => {
    const v = await visitorIn(a);
    const r = await sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 's1', body: 'help' });
    const assigned = await assignConversation(ctx, { actor: a.owner, conversationId: r.message.conversationId, operatorId: a.owner.id });
    expect(assigned.message).toMatchObject({ seq: 2, kind: 'event', event: { type: 'assigned', operatorId: a.owner.id } });
    const resolved = await setConversationStatus(ctx, { actor: a.owner, conversationId: r.message.conversationId, status: 'resolved' });
    expect(resolved.conversation.status).toBe('resolved');
    expect(resolved.message?.seq).toBe(3);
    // Nothing changes, nothing is recorded.
    const again = await setConversationStatus(ctx, { actor: a.owner, conversationId: r.message.conversationId, status: 'resolved' });
    expect(again.message).toBeNull();
    // The visitor writing again reopens it.
    const back = await sendMessage(ctx, {
      workspaceId: a.workspaceId,
      conversationId: r.message.conversationId,
      visitor: v,
      author: author(v.id),
      clientId: 's2',
      body: 'one more thing',
    });
    expect(back.conversation.status).toBe('open');
    // ...and says so in the conversation, just before the visitor's message, announced to everyone.
    const history = await listMessagesAfterSeq(handle.db, r.message.conversationId, 3, 10);
    expect(history.map((m) => [m.seq, m.kind, m.author_kind, m.body])).toEqual([
      [4, 'event', 'system', 'Reopened by the visitor'],
      [5, 'text', 'visitor', 'one more thing'],
    ]);
    const announced = events
      .filter((e) => e.type === 'message.created' && e.message.conversationId === r.message.conversationId)
      .map((e) => (e as { message: { seq: number } }).message.seq);
    expect(announced.slice(-2)).toEqual([4, 5]);
  });

  it('reopens on the visitor’s first message only, also when several arrive in one batch', async () => {
    const v = await visitorIn(a);
    const r = await sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 'b0', body: 'hi' });
    const conversationId = r.message.conversationId;
    await setConversationStatus(ctx, { actor: a.owner, conversationId, status: 'resolved' });
    await Promise.all(
      ['b1', 'b2', 'b3'].map((clientId) =>
        sendMessage(ctx, { workspaceId: a.workspaceId, conversationId, visitor: v, author: author(v.id), clientId, body: clientId }),
      ),
    );
    const rows = await listMessagesAfterSeq(handle.db, conversationId, 2, 10);
    expect(rows.map((m) => m.body)).toEqual(['Reopened by the visitor', 'b1', 'b2', 'b3']);
  });

  it('shows the last visitor or operator message in the list, never a system line, and counts what is unread', async () => {
    const v = await visitorIn(a);
    const r = await sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 'u1', body: 'first question' });
    const conversationId = r.message.conversationId;
    await sendMessage(ctx, { workspaceId: a.workspaceId, conversationId, visitor: v, author: author(v.id), clientId: 'u2', body: 'second question' });
    expect(r.conversation.unreadCount).toBe(1);
    const assigned = await assignConversation(ctx, { actor: a.owner, conversationId, operatorId: a.owner.id });
    expect(assigned.conversation).toMatchObject({ lastSeq: 3, unreadCount: 2 });
    expect(assigned.conversation.lastMessage).toMatchObject({ seq: 2, preview: 'second question', author: { kind: 'visitor' }, files: 0 });
    const reply = await sendMessage(ctx, {
      workspaceId: a.workspaceId,
      conversationId,
      author: { kind: 'operator', id: a.owner.id, name: 'Ann' },
      clientId: 'u3',
      body: 'an answer',
    });
    expect(reply.conversation).toMatchObject({ unreadCount: 0, lastMessage: { seq: 4, preview: 'an answer', author: { kind: 'operator', name: 'Ann' } } });
    const more = await sendMessage(ctx, { workspaceId: a.workspaceId, conversationId, visitor: v, author: author(v.id), clientId: 'u4', body: 'thanks!' });
    expect(more.conversation.unreadCount).toBe(1);
    // Reading up to the end clears the count; reading part of it leaves it alone.
    expect(await advanceReadSeq(handle.db, a.workspaceId, conversationId, 'operator', 4)).toBe(true);
    expect((await findConversation(handle.db, a.workspaceId, conversationId))?.unread_count).toBe(1);
    expect(await advanceReadSeq(handle.db, a.workspaceId, conversationId, 'operator', 5)).toBe(true);
    expect((await findConversation(handle.db, a.workspaceId, conversationId))?.unread_count).toBe(0);
  });

  it('records when an operator first answered a visitor message, once', async () => {
    const v = await visitorIn(a);
    const op = (clientId: string, body: string, conversationId: string) =>
      sendMessage(ctx, { workspaceId: a.workspaceId, conversationId, author: { kind: 'operator', id: a.owner.id, name: 'Ann' }, clientId, body });
    const first = await sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 'f1', body: 'hello?' });
    const conversationId = first.message.conversationId;
    expect((await findConversation(handle.db, a.workspaceId, conversationId))?.first_response_at).toBeNull();
    const answer = await op('f2', 'hi, how can I help?', conversationId);
    const answeredAt = (await findConversation(handle.db, a.workspaceId, conversationId))?.first_response_at;
    expect(answeredAt).toBe(answer.message.createdAt);
    await sendMessage(ctx, { workspaceId: a.workspaceId, conversationId, visitor: v, author: author(v.id), clientId: 'f3', body: 'my order' });
    await op('f4', 'let me look', conversationId);
    expect((await findConversation(handle.db, a.workspaceId, conversationId))?.first_response_at).toBe(answeredAt);

    // An operator who writes first has not answered anything yet: that comes after the visitor's reply.
    const w = await visitorIn(a);
    const started = await sendMessage(ctx, { workspaceId: a.workspaceId, visitor: w, author: author(w.id), clientId: 'g0', body: 'hi' });
    const other = started.message.conversationId;
    await handle.db.updateTable('conversations').set({ first_response_at: null, last_author_kind: 'operator' }).where('id', '=', other).execute();
    await op('g1', 'anything else?', other);
    expect((await findConversation(handle.db, a.workspaceId, other))?.first_response_at).toBeNull();
    await sendMessage(ctx, { workspaceId: a.workspaceId, conversationId: other, visitor: w, author: author(w.id), clientId: 'g2', body: 'yes' });
    const later = await op('g3', 'sure', other);
    expect((await findConversation(handle.db, a.workspaceId, other))?.first_response_at).toBe(later.message.createdAt);
  });

  it('counts the views under a label filter as the conversations change, whatever changes them', async () => {
    const label = (await createLabel(ctx, a.owner, { name: `Counted ${tag}`, color: '#0055aa' })).id;
    const counts = () => countViews(handle.db, a.workspaceId, a.owner.id, label);
    expect(await counts()).toEqual({ mine: 0, unassigned: 0, all: 0, snoozed: 0, resolved: 0 });
    const v = await visitorIn(a);
    const one = (await sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 'l1', body: 'one' })).message.conversationId;
    // A label put on an assigned conversation starts with its conversation's state.
    await assignConversation(ctx, { actor: a.owner, conversationId: one, operatorId: a.owner.id });
    await setConversationLabels(ctx, { actor: a.owner, conversationId: one, add: [label], remove: [] });
    expect(await counts()).toEqual({ mine: 1, unassigned: 0, all: 1, snoozed: 0, resolved: 0 });
    await assignConversation(ctx, { actor: a.owner, conversationId: one, operatorId: null });
    expect(await counts()).toMatchObject({ mine: 0, unassigned: 1, all: 1 });
    await setConversationStatus(ctx, { actor: a.owner, conversationId: one, status: 'resolved' });
    expect(await counts()).toEqual({ mine: 0, unassigned: 0, all: 0, snoozed: 0, resolved: 1 });
    // The visitor's reply reopens it on the message write path.
    await sendMessage(ctx, { workspaceId: a.workspaceId, conversationId: one, visitor: v, author: author(v.id), clientId: 'l2', body: 'still there?' });
    expect(await counts()).toMatchObject({ unassigned: 1, all: 1, resolved: 0 });
    // A merge moves the label to the survivor, which brings its own state.
    await setConversationStatus(ctx, { actor: a.owner, conversationId: one, status: 'resolved' });
    const two = (await sendMessage(ctx, { workspaceId: a.workspaceId, visitor: v, author: author(v.id), clientId: 'l3', body: 'two' })).message.conversationId;
    await assignConversation(ctx, { actor: a.owner, conversationId: two, operatorId: a.owner.id });
    await mergeConversations(ctx, { actor: a.owner, intoId: two, fromId: one });
    expect(await counts()).toEqual({ mine: 1, unassigned: 0, all: 1, snoozed: 0, resolved: 0 });
    // Another workspace's counts never see it.
    expect(await countViews(handle.db, b.workspaceId, b.owner.id, label)).toEqual({ mine: 0, unassigned: 0, all: 0, snoozed: 0, resolved: 0 });
  });

  it('deletes expired sessions only', async () => {
    const now = Date.now();
    await insertSession(handle.db, {
      id: `old-${tag}`,
      operator_id: a.owner.id,
      workspace_id: a.workspaceId,
      created_at: now - 10,
      expires_at: now - 1,
      last_seen_at: now,
    });
    await insertSession(handle.db, {
      id: `new-${tag}`,
      operator_id: a.owner.id,
      workspace_id: a.workspaceId,
      created_at: now,
      expires_at: now + 1000,
      last_seen_at: now,
    });
    expect(await deleteExpiredSessions(handle.db, now)).toBeGreaterThanOrEqual(1);
    const left = await handle.db
      .selectFrom('sessions')
      .select('id')
      .where('id', 'in', [`old-${tag}`, `new-${tag}`])
      .execute();
    expect(left.map((s) => s.id)).toEqual([`new-${tag}`]);
  });
});
