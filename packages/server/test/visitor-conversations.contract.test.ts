/**
 * Several conversations per visitor, ending and rating them, the expected
 * reply time and transcripts, on every backend (SQLite with its synchronous
 * write path and with the set-based one, PostgreSQL): the same decisions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSS } from '../../text/src/xss-corpus.js';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import { endConversation } from '../src/conversation/end-conversation.js';
import { rateConversation } from '../src/conversation/rate-conversation.js';
import { setConversationStatus } from '../src/conversation/set-conversation-status.js';
import { findConversation } from '../src/conversation/conversation.repository.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { AppError } from '../src/errors.js';
import type { DomainEvent } from '../src/events/events.js';
import { sendMessage, sendOperatorMessage } from '../src/message/message.service.js';
import { addNote } from '../src/note/add-note.js';
import { operatorTranscript, visitorTranscript } from '../src/transcript/transcript.service.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import type { Visitor } from '../src/visitor/visitor.js';
import { InboxStatsCache, STATS_TTL_MS } from '../src/widget/inbox-stats.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';
import { storeUpload } from '../src/attachment/attachment.service.js';

describe.each(BACKENDS)('visitor conversations on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let events: DomainEvent[];
  let ws: NewWorkspace;
  const clock = new ManualClock();

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-visitor-conv-'));
    ({ ctx, events } = await contextOn(handle, dir, backend.fastPath, clock));
    ws = await createWorkspace(ctx, { name: 'A', ownerEmail: `a-${tag}@x.test`, ownerName: 'Ana Lima', ownerPassword: 'password-a', inboxName: 'Web' });
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const newVisitor = async () => (await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey })).visitor;
  const says = (v: Visitor, body: string, more: { conversationId?: string; clientId?: string; newConversation?: boolean } = {}) =>
    sendMessage(ctx, {
      workspaceId: ws.workspaceId,
      visitor: v,
      author: { kind: 'visitor', id: v.id, name: null },
      clientId: more.clientId ?? null,
      body,
      conversationId: more.conversationId,
      newConversation: more.newConversation,
    });
  const conversationsOf = async (v: Visitor) =>
    (await handle.db.selectFrom('conversations').select(['id', 'status']).where('visitor_id', '=', v.id).execute()).map((r) => r.id);

  describe('New conversation', () => {
    it('starts a second conversation while the first is open, and sending it again with the same client id stores it once', async () => {
      const v = await newVisitor();
      const first = await says(v, 'About my order', { clientId: 'c-first' });
      const second = await says(v, 'Another question', { clientId: 'c-new', newConversation: true });
      expect(second.message.conversationId).not.toBe(first.message.conversationId);
      expect(second.duplicate).toBe(false);
      expect(second.conversation.status).toBe('open');
      // The same frame again (a reconnect before the ack): the same message, in the conversation it started.
      const again = await says(v, 'Another question', { clientId: 'c-new', newConversation: true });
      expect(again.duplicate).toBe(true);
      expect(again.message.id).toBe(second.message.id);
      expect(await conversationsOf(v)).toHaveLength(2);
      // Without the flag, a message with no conversation still goes to the open one.
      const plain = await says(v, 'Plain', { clientId: 'c-plain' });
      expect([first.message.conversationId, second.message.conversationId]).toContain(plain.message.conversationId);
    });

    it('stores a repeat sent in the same batch once (one conversation), whichever write path takes it', async () => {
      const v = await newVisitor();
      await says(v, 'Open one', { clientId: 'c-open' });
      const [a, b, c] = await Promise.all([
        says(v, 'Twice at once', { clientId: 'c-twice', newConversation: true }),
        says(v, 'Twice at once', { clientId: 'c-twice', newConversation: true }),
        says(v, 'Twice at once', { clientId: 'c-twice', newConversation: true }),
      ]);
      expect(new Set([a, b, c].map((r) => r.message.id)).size).toBe(1);
      expect([a, b, c].filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await conversationsOf(v)).toHaveLength(2);
      const created = events.filter((e) => e.type === 'conversation.created' && e.visitorId === v.id);
      expect(created).toHaveLength(2);
    });

    it('never finds another visitor’s message by its client id', async () => {
      const v1 = await newVisitor();
      const v2 = await newVisitor();
      const one = await says(v1, 'Mine', { clientId: 'shared-id', newConversation: true });
      const two = await says(v2, 'Mine too', { clientId: 'shared-id', newConversation: true });
      expect(two.duplicate).toBe(false);
      expect(two.message.conversationId).not.toBe(one.message.conversationId);
    });
  });

  describe('End chat and the rating', () => {
    it('resolves the conversation with a line saying the visitor ended it, once', async () => {
      const v = await newVisitor();
      const { message } = await says(v, 'Thanks, that is all');
      const before = events.length;
      const r = await endConversation(ctx, { visitor: v, conversationId: message.conversationId });
      expect(r.conversation.status).toBe('resolved');
      expect(r.message?.event).toEqual({ type: 'status', status: 'resolved', byName: null, by: 'visitor' });
      expect(r.message?.body).toBe('Ended by the visitor');
      const row = await findConversation(handle.db, ws.workspaceId, message.conversationId);
      expect(row?.ended_at).toBe(clock.now());
      expect(row?.resolved_at).toBe(clock.now());
      expect(events.slice(before).map((e) => e.type)).toEqual(['message.created']);
      const again = await endConversation(ctx, { visitor: v, conversationId: message.conversationId });
      expect(again.message).toBeNull();
      expect((await findConversation(handle.db, ws.workspaceId, message.conversationId))?.last_seq).toBe(2);
    });

    it('refuses another visitor’s conversation as if it did not exist', async () => {
      const v = await newVisitor();
      const other = await newVisitor();
      const { message } = await says(v, 'Private');
      await expect(endConversation(ctx, { visitor: other, conversationId: message.conversationId })).rejects.toMatchObject({ code: 'not_found' });
      await expect(
        rateConversation(ctx, { visitor: other, conversationId: message.conversationId, input: { rating: 5, comment: null } }),
      ).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('takes a rating once the conversation has ended, replaces it when rated again, and records nothing for the same one twice', async () => {
      const v = await newVisitor();
      const { message } = await says(v, 'Question');
      const id = message.conversationId;
      const early = rateConversation(ctx, { visitor: v, conversationId: id, input: { rating: 4, comment: null } });
      await expect(early).rejects.toBeInstanceOf(AppError);
      await expect(early).rejects.toMatchObject({ code: 'conflict' });
      // Resolved by an operator: the survey may be answered too.
      await setConversationStatus(ctx, { actor: ws.owner, conversationId: id, status: 'resolved' });
      const rated = await rateConversation(ctx, { visitor: v, conversationId: id, input: { rating: 4, comment: 'Great help' } });
      expect(rated.conversation.rating).toBe(4);
      expect(rated.message?.event).toEqual({ type: 'rating', rating: 4, comment: 'Great help' });
      expect(rated.message?.body).toBe('Rated 4 out of 5: “Great help”');
      const same = await rateConversation(ctx, { visitor: v, conversationId: id, input: { rating: 4, comment: 'Great help' } });
      expect(same.message).toBeNull();
      const changed = await rateConversation(ctx, { visitor: v, conversationId: id, input: { rating: 5, comment: null } });
      expect(changed.message?.body).toBe('Rated 5 out of 5');
      const row = await findConversation(handle.db, ws.workspaceId, id);
      expect([row?.rating, row?.rating_comment, row?.rated_at]).toEqual([5, null, clock.now()]);
      // Operators hear of it with the rating in the conversation's summary.
      const last = events.filter((e) => e.type === 'message.created').at(-1);
      expect(last?.type === 'message.created' && last.conversation.rating).toBe(5);
    });
  });

  describe('expected reply time', () => {
    async function answered(afterMs: number): Promise<void> {
      const v = await newVisitor();
      const { message } = await says(v, 'Hello?');
      await clock.advance(afterMs);
      await sendOperatorMessage(ctx, ws.owner, { conversationId: message.conversationId, clientId: null, body: 'Hi!' });
    }

    it('is the median time to the first answer of the last 14 days, nothing with fewer than five, cached for ten minutes', async () => {
      const stats = new InboxStatsCache(ctx);
      // Older than the window: not counted.
      for (const ms of [1, 2, 3, 4, 5, 6]) await answered(ms * 3600_000);
      await clock.advance(15 * 24 * 3600_000);
      for (const minutes of [2, 4, 6, 30]) await answered(minutes * 60_000);
      const few = await stats.get(ws.inbox.id);
      expect(few.samples).toBe(4);
      expect(few.medianReplyMs).toBeNull();
      await answered(8 * 60_000);
      // Still the cached answer until ten minutes have passed.
      expect((await stats.get(ws.inbox.id)).medianReplyMs).toBeNull();
      await clock.advance(STATS_TTL_MS);
      const enough = await stats.get(ws.inbox.id);
      expect(enough.samples).toBe(5);
      expect(enough.medianReplyMs).toBe(6 * 60_000);
      expect(enough.recentResponders).toEqual([ws.owner.id]);
    });
  });

  describe('transcripts', () => {
    it('hold every message and system line, worded for the visitor in their language, and never a private note', async () => {
      const v = await newVisitor();
      const { message } = await says(v, 'Hallo, **wo** ist meine Bestellung?');
      const id = message.conversationId;
      await sendOperatorMessage(ctx, ws.owner, { conversationId: id, clientId: null, body: 'Sie ist unterwegs.' });
      await addNote(ctx, { actor: ws.owner, conversationId: id, body: 'SECRET NOTE: refund later' });
      await endConversation(ctx, { visitor: v, conversationId: id });
      const text = await visitorTranscript(ctx, v, id, { format: 'text', language: 'de', timeZone: 'Europe/Berlin' }, 'https://chat.example.com');
      expect(text.contentType).toBe('text/plain; charset=utf-8');
      expect(text.body).toContain('Chatverlauf');
      expect(text.body).toContain('Sie: Hallo, **wo** ist meine Bestellung?');
      expect(text.body).toContain('Ana Lima: Sie ist unterwegs.');
      expect(text.body).toContain('— Sie haben den Chat beendet —');
      expect(text.body).toContain('(Europe/Berlin)');
      const html = await visitorTranscript(ctx, v, id, { format: 'html', language: 'ar' }, 'https://chat.example.com');
      expect(html.body).toContain('<html lang="ar" dir="rtl">');
      expect(html.body).toContain('<strong>wo</strong>');
      const team = await operatorTranscript(ctx, ws.owner, id, { format: 'text' }, 'https://chat.example.com');
      expect(team.body).toContain('Ended by the visitor');
      for (const t of [text, html, team]) {
        expect(t.body).not.toContain('SECRET NOTE');
        expect(t.body).not.toContain('refund later');
      }
    });

    it('escape everything a visitor or an operator wrote (the renderer’s XSS corpus)', async () => {
      const v = await newVisitor();
      const { message } = await says(v, 'Start');
      const id = message.conversationId;
      for (const body of XSS) await says(v, body, { conversationId: id });
      const file = await visitorTranscript(ctx, v, id, { format: 'html' }, 'https://chat.example.com');
      const tags = [...file.body.matchAll(/<\/?([a-z0-9]+)(\s[^>]*)?>/gi)].map((m) => (m[1] as string).toLowerCase());
      const allowed = [
        'html',
        'head',
        'meta',
        'title',
        'style',
        'body',
        'header',
        'h1',
        'p',
        'ol',
        'ul',
        'li',
        'strong',
        'em',
        'code',
        'br',
        'a',
        'time',
        'div',
        'footer',
      ];
      expect(tags.filter((t) => !allowed.includes(t))).toEqual([]);
      expect(file.body).not.toMatch(/<(script|img|svg|iframe)[\s>/]/i);
      expect(file.body).not.toMatch(/href="(?!https?:\/\/)/i);
      // No event handler in any tag (escaped text may say "onerror=", as the visitor wrote it).
      for (const m of file.body.matchAll(/<[a-z][^>]*>/gi)) expect(m[0]).not.toMatch(/\son[a-z]+\s*=/i);
      expect(file.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('link files with signed links that name the server’s address', async () => {
      const v = await newVisitor();
      const { message } = await says(v, 'A file follows');
      const id = message.conversationId;
      const a = await storeUpload(ctx, {
        workspaceId: ws.workspaceId,
        conversationId: id,
        uploader: { kind: 'visitor', id: v.id },
        upload: { name: 'notes & plans.txt', data: Buffer.from('hello') },
      });
      await sendMessage(ctx, {
        workspaceId: ws.workspaceId,
        visitor: v,
        author: { kind: 'visitor', id: v.id, name: null },
        clientId: 'file-1',
        body: '',
        conversationId: id,
        attachmentIds: [a.id],
      });
      const file = await visitorTranscript(ctx, v, id, { format: 'html', language: 'en' }, 'https://chat.example.com');
      expect(file.body).toMatch(
        new RegExp(
          `Attachment: <a href="https://chat\\.example\\.com/api/v1/attachments/${a.id}/signed\\?expires=\\d+&amp;signature=[\\w-]+">notes &amp; plans\\.txt</a> \\(5 B\\)`,
        ),
      );
      expect(file.body).toContain('Links to files work until');
    });
  });
});
