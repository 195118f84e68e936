/**
 * Mentions in notes, on every storage backend: who a note notifies, the
 * Mentions view (conversations with unseen mentions, newest first, keyset
 * paged) and its count, scoped to the workspace, and "seen" when the operator
 * opens the conversation. Notes written at once still get numbers 1, 2, 3…
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import type { Context } from '../src/context.js';
import type { EventOf } from '../src/events/events.js';
import { listConversations, viewCounts } from '../src/conversation/conversation.service.js';
import { startConversation } from '../src/conversation/start-conversation.js';
import { countUnseenMentions, listMentionedConversations } from '../src/mention/mention.repository.js';
import { addNote } from '../src/note/add-note.js';
import { listNotes, seeMentions } from '../src/note/note.service.js';
import type { Operator } from '../src/operator/operator.js';
import { insertNewOperator, updateOperator } from '../src/operator/operator.service.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

// Notes never go through the message writer: one SQLite backend is enough, and PostgreSQL.
for (const backend of BACKENDS.filter((b) => b.fastPath || b.name === 'postgres')) {
  describe(`mentions on ${backend.name}`, () => {
    let ctx: Context;
    let cleanup: () => Promise<void>;
    let owner: Operator;
    let bea: Operator;
    let cy: Operator;
    let outsider: Operator;
    let websiteKey: string;
    const created: EventOf<'note.created'>[] = [];
    const seen: EventOf<'mentions.seen'>[] = [];

    beforeAll(async () => {
      const opened = await backend.open();
      cleanup = opened.cleanup;
      ({ ctx } = await contextOn(opened.handle, mkdtempSync(join(tmpdir(), 'sb-mentions-'))));
      // Each write a millisecond apart, so "newest first" has one answer.
      let t = Date.UTC(2026, 0, 5, 9);
      ctx.now = () => (t += 1);
      const ws = await createWorkspace(ctx, {
        name: 'A',
        ownerEmail: 'owner@a.test',
        ownerName: 'Olga Owner',
        ownerPassword: 'pw-a-long-enough',
        inboxName: 'A',
      });
      owner = ws.owner;
      websiteKey = ws.inbox.websiteKey;
      bea = (await insertNewOperator(ctx, ws.workspaceId, { email: 'bea@a.test', name: 'Bea Bauer', role: 'operator' })).operator;
      cy = (await insertNewOperator(ctx, ws.workspaceId, { email: 'cy@a.test', name: 'Cy', role: 'operator' })).operator;
      const other = await createWorkspace(ctx, {
        name: 'B',
        ownerEmail: 'owner@b.test',
        ownerName: 'Bea Bauer',
        ownerPassword: 'pw-b-long-enough',
        inboxName: 'B',
      });
      outsider = other.owner;
      ctx.events.on('note.created', (e) => void created.push(e));
      ctx.events.on('mentions.seen', (e) => void seen.push(e));
    });
    afterAll(async () => {
      await ctx?.db.destroy();
      await cleanup?.();
    });

    async function conversation(): Promise<string> {
      const { visitor } = await startWidgetSession(ctx, { websiteKey });
      const row = await startConversation(ctx.db, { workspaceId: owner.workspaceId, inboxId: visitor.inboxId, visitorId: visitor.id, now: ctx.now() });
      return row.id;
    }

    it('notifies the operators a note names, not its author, nor anyone of another workspace', async () => {
      const id = await conversation();
      const r = await addNote(ctx, { actor: owner, conversationId: id, body: '@bea bauer and @Cy: see this. Note to self, @Olga Owner' });
      expect(r.note.mentions.map((m) => m.name)).toEqual(['Bea Bauer', 'Cy', 'Olga Owner']);
      const rows = await ctx.db.selectFrom('mentions').selectAll().where('note_id', '=', r.note.id).orderBy('operator_id').execute();
      expect(rows.map((m) => m.operator_id).sort()).toEqual([bea.id, cy.id].sort());
      expect(created.at(-1)).toMatchObject({ note: { id: r.note.id }, mentioned: expect.arrayContaining([{ operatorId: bea.id, unseen: 1 }]) });
      // The other workspace has its own "Bea Bauer": never mentioned from here.
      expect(await countUnseenMentions(ctx.db, outsider.workspaceId, outsider.id)).toBe(0);
      expect(await countUnseenMentions(ctx.db, owner.workspaceId, outsider.id)).toBe(0);
    });

    it('lists conversations with unseen mentions newest first, paged by keyset, with their count', async () => {
      const [c1, c2, c3] = [await conversation(), await conversation(), await conversation()];
      for (const id of [c1, c2, c3, c1]) await addNote(ctx, { actor: owner, conversationId: id, body: 'Over to you @Cy' });
      const all = await listMentionedConversations(ctx.db, { workspaceId: owner.workspaceId, operatorId: cy.id, limit: 10 });
      // c1 has the newest mention; the first test's conversation the oldest.
      expect(all.slice(0, 3).map((c) => [c.conversationId, c.unseen])).toEqual([
        [c1, 2],
        [c3, 1],
        [c2, 1],
      ]);
      expect(all).toHaveLength(4);
      expect(await countUnseenMentions(ctx.db, owner.workspaceId, cy.id)).toBe(4);
      const first = await listMentionedConversations(ctx.db, { workspaceId: owner.workspaceId, operatorId: cy.id, limit: 2 });
      const last = first.at(-1)!;
      const rest = await listMentionedConversations(ctx.db, {
        workspaceId: owner.workspaceId,
        operatorId: cy.id,
        before: { mentionedAt: last.mentionedAt, conversationId: last.conversationId },
        limit: 10,
      });
      expect([...first, ...rest]).toEqual(all);

      // Opening c1 sees its mentions: it leaves the view, once.
      expect(await seeMentions(ctx, cy, c1 as string)).toBe(2);
      expect(seen.at(-1)).toMatchObject({ operatorId: cy.id, conversationId: c1 });
      expect(await seeMentions(ctx, cy, c1 as string)).toBe(0);
      expect(seen.filter((e) => e.conversationId === c1)).toHaveLength(1);
      const after = await listMentionedConversations(ctx.db, { workspaceId: owner.workspaceId, operatorId: cy.id, limit: 10 });
      expect(after.map((c) => c.conversationId)).not.toContain(c1);
      expect(await countUnseenMentions(ctx.db, owner.workspaceId, cy.id)).toBe(3);
      // Another operator's mentions are theirs.
      expect(await countUnseenMentions(ctx.db, owner.workspaceId, bea.id)).toBe(1);
    });

    it('are the Mentions view of the conversation list and its count, paged by the same cursor', async () => {
      const [d1, d2] = [await conversation(), await conversation()];
      for (const id of [d1, d2]) await addNote(ctx, { actor: owner, conversationId: id, body: '@Bea Bauer have a look' });
      const first = await listConversations(ctx, bea, { view: 'mentions', limit: 1 });
      expect(first.items.map((c) => c.id)).toEqual([d2]);
      const rest = await listConversations(ctx, bea, { view: 'mentions', limit: 10, cursor: first.nextCursor ?? 'none' });
      expect(rest.items.map((c) => c.id)).toContain(d1);
      expect(rest.items.map((c) => c.id)).not.toContain(d2);
      expect(rest.nextCursor).toBeNull();
      const counts = await viewCounts(ctx, bea);
      expect(counts.mentions).toBe(await countUnseenMentions(ctx.db, owner.workspaceId, bea.id));
      expect(counts.mentions).toBe(1 + rest.items.length);
      // The other workspace's owner sees none of them.
      expect((await listConversations(ctx, outsider, { view: 'mentions', limit: 10 })).items).toEqual([]);
    });

    it('never mentions a disabled operator', async () => {
      const id = await conversation();
      await updateOperator(ctx, owner, bea.id, { disabled: true });
      const r = await addNote(ctx, { actor: owner, conversationId: id, body: '@Bea Bauer are you there?' });
      expect(r.note.mentions).toEqual([]);
      await updateOperator(ctx, owner, bea.id, { disabled: false });
    });

    it('numbers notes written at once 1, 2, 3… without gaps or repeats', async () => {
      const id = await conversation();
      const notes = await Promise.all(Array.from({ length: 8 }, (_, i) => addNote(ctx, { actor: i % 2 ? bea : cy, conversationId: id, body: `note ${i}` })));
      expect(notes.map((n) => n.note.noteSeq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const page = await listNotes(ctx, owner, id, { after: 0, limit: 100 });
      expect(page.items.map((n) => n.noteSeq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(page.items.every((n) => n.afterSeq === 0)).toBe(true);
    });
  });
}
