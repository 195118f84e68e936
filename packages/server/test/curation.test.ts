/**
 * The curation loop (F4) on every storage backend, on one clock moved by
 * hand: content gaps (first questions no published article covers, grouped
 * by similarity, checked once per conversation, covered when an article
 * answering them is published), FAQ drafts mined from resolved conversations,
 * and article effectiveness with chats avoided counted once 24 hours passed.
 * Operators are refused; another workspace never sees a gap or a draft.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { insertArticleEvent, upsertVote } from '../src/article-assist/article-feedback.repository.js';
import { createArticle, setArticleState, updateArticle } from '../src/article/article.service.js';
import { dismissGap, draftFromGap, getGap, listGaps } from '../src/article-curation/content-gaps.service.js';
import { checkKey, coverKey, subscribeCuration } from '../src/article-curation/curation.jobs.js';
import { articleEffectiveness } from '../src/article-curation/effectiveness.js';
import { createFromFaq, dismissFaq, listFaqDrafts, startMining } from '../src/article-curation/faq-drafts.service.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import { setConversationStatus } from '../src/conversation/set-conversation-status.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { newId } from '../src/ids.js';
import { sendMessage, sendOperatorMessage } from '../src/message/message.service.js';
import type { Operator } from '../src/operator/operator.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

const HOUR = 3600_000;
const draft = (title: string, slug: string, body: string) => ({ title, slug, description: '', body, locale: 'en', categoryId: null, translationOf: null });

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('curation on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;
  let ws2: NewWorkspace;
  let operator: Operator;
  let n = 0;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-curation-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath, clock));
    subscribeCuration(ctx);
    ws = await createWorkspace(ctx, { name: 'C', ownerEmail: `c-${tag}@x.test`, ownerName: 'Cy', ownerPassword: 'password-c', inboxName: 'Web' });
    ws2 = await createWorkspace(ctx, { name: 'D', ownerEmail: `d-${tag}@x.test`, ownerName: 'Di', ownerPassword: 'password-d', inboxName: 'Web' });
    operator = { ...ws.owner, role: 'operator' };
    const refund = await createArticle(
      ctx,
      ws.owner,
      draft(
        'Get a refund for your order',
        'refunds',
        'To get a refund for an order, open Orders, choose the order and press Refund. Refunds reach your card in 5 days.',
      ),
    );
    await setArticleState(ctx, ws.owner, refund.id, 'published');
    await ctx.articles.settled();
  });
  afterAll(async () => {
    await ctx.writer.close();
    await ctx.articles.stop();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A new visitor's first message: a new conversation. */
  const ask = async (w: NewWorkspace, body: string) => {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: w.inbox.websiteKey });
    const r = await sendMessage(ctx, {
      workspaceId: w.workspaceId,
      visitor,
      author: { kind: 'visitor', id: visitor.id, name: null },
      clientId: `q${++n}`,
      body,
    });
    return { visitor, conversationId: r.message.conversationId };
  };
  /** Waits for the subscriber to schedule the check, then runs it. */
  const checked = async (conversationId: string) => {
    await vi.waitFor(async () => expect(await ctx.jobs.get(checkKey(conversationId))).toBeTruthy());
    await ctx.jobs.runDue();
  };

  it('stores a first question no article covers, groups similar ones, ignores greetings and covered ones, and checks a conversation once', async () => {
    const a = await ask(ws, 'How do I export my invoices as PDF?');
    await checked(a.conversationId);
    const b = await ask(ws, 'Can I export invoices to PDF files');
    await checked(b.conversationId);
    const hi = await ask(ws, 'hi there');
    await checked(hi.conversationId);
    const covered = await ask(ws, 'How do I get a refund for my order?');
    await checked(covered.conversationId);
    const other = await ask(ws, 'Do you ship parcels to Norway?');
    await checked(other.conversationId);
    const elsewhere = await ask(ws2, 'How do I export my invoices as PDF?');
    await checked(elsewhere.conversationId);

    // A second message of the same conversation schedules nothing new.
    const first = await ctx.jobs.get(checkKey(a.conversationId));
    await sendMessage(ctx, {
      workspaceId: ws.workspaceId,
      visitor: a.visitor,
      conversationId: a.conversationId,
      author: { kind: 'visitor', id: a.visitor.id, name: null },
      clientId: `q${++n}`,
      body: 'Where is the billing page for invoices please?',
    });
    await ctx.jobs.runDue();
    expect((await ctx.jobs.get(checkKey(a.conversationId)))?.id).toBe(first?.id);

    const list = await listGaps(ctx, ws.owner, { limit: 20, offset: 0 });
    expect(list.items.map((c) => [c.count, c.examples.length])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    const invoices = list.items[0]!;
    expect(invoices.label).toMatch(/export/i);
    expect(invoices.examples.map((e) => e.conversationId).sort()).toEqual([a.conversationId, b.conversationId].sort());
    expect(list.items[1]!.examples[0]).toMatchObject({ text: 'Do you ship parcels to Norway?', conversationId: other.conversationId });
    expect(list.nextOffset).toBeNull();
    const page = await listGaps(ctx, ws.owner, { limit: 1, offset: 0 });
    expect([page.items.length, page.nextOffset]).toEqual([1, 1]);

    const detail = await getGap(ctx, ws.owner, invoices.id);
    expect(detail.questions.map((q) => q.text).sort()).toEqual(['Can I export invoices to PDF files', 'How do I export my invoices as PDF?']);

    // The other workspace has its own cluster and never sees this one; an operator is refused.
    expect((await listGaps(ctx, ws2.owner, { limit: 20, offset: 0 })).items.map((c) => c.count)).toEqual([1]);
    await expect(getGap(ctx, ws2.owner, invoices.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(dismissGap(ctx, ws2.owner, invoices.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(listGaps(ctx, operator, { limit: 20, offset: 0 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(draftFromGap(ctx, operator, invoices.id)).rejects.toMatchObject({ code: 'forbidden' });

    // "Create draft": a draft article titled after the label, listing the questions.
    const article = await draftFromGap(ctx, ws.owner, invoices.id);
    expect(article).toMatchObject({ title: invoices.label, state: 'draft' });
    expect(article.body).toContain('- Can I export invoices to PDF files');

    // Published, and answering the label: the cluster is covered (through a job, a few seconds later).
    await ctx.articles.settled();
    await updateArticle(ctx, ws.owner, article.id, {
      body: 'Export your invoices as PDF: open Billing, choose Invoices and press Export PDF for each invoice.',
    });
    await setArticleState(ctx, ws.owner, article.id, 'published');
    await vi.waitFor(async () => expect((await ctx.jobs.get(coverKey(ws.workspaceId)))?.status).toBe('pending'));
    await clock.advance(10_000);
    await ctx.jobs.runDue();
    const after = await listGaps(ctx, ws.owner, { limit: 20, offset: 0 });
    expect(after.items.map((c) => c.id)).not.toContain(invoices.id);
    expect(await getGap(ctx, ws.owner, invoices.id)).toMatchObject({ status: 'covered', articleId: article.id });

    const shipping = after.items[0]!;
    expect((await dismissGap(ctx, ws.owner, shipping.id)).status).toBe('dismissed');
    expect((await listGaps(ctx, ws.owner, { limit: 20, offset: 0 })).items).toEqual([]);
  });

  it('mines FAQ drafts from resolved conversations: similar questions with operators’ replies, none covered by an article', async () => {
    const resolved = async (question: string, reply: string | null) => {
      const q = await ask(ws, question);
      if (reply) {
        await sendOperatorMessage(ctx, ws.owner, { conversationId: q.conversationId, clientId: `r${++n}`, body: 'ok' });
        await sendOperatorMessage(ctx, ws.owner, { conversationId: q.conversationId, clientId: `r${++n}`, body: reply });
      }
      await setConversationStatus(ctx, { actor: ws.owner, conversationId: q.conversationId, status: 'resolved' });
      return q.conversationId;
    };
    const ids = [
      await resolved('How can I change my account password?', 'Open Settings, then Security, and choose Change password.'),
      await resolved('I want to change the password of my account', 'Go to Settings > Security > Change password.'),
      await resolved('change account password how?', null),
      // Covered by the refund article: never a draft.
      await resolved('How do I get a refund for my order?', 'Open Orders and press Refund on the order.'),
      await resolved('How can I get a refund for an order?', 'Orders, then Refund.'),
      // Alone: not a draft.
      await resolved('Do you have a mobile app for Android?', 'Not yet, it is coming this year.'),
    ];
    const open = await ask(ws, 'How can I change my account password?');
    await ctx.jobs.runDue();

    const { jobId } = await startMining(ctx, ws.owner);
    expect((await listFaqDrafts(ctx, ws.owner)).mining).toBe(true);
    await ctx.jobs.runDue();
    expect((await ctx.jobs.get(jobId))?.status).toBe('done');
    const list = await listFaqDrafts(ctx, ws.owner);
    expect(list.mining).toBe(false);
    expect(list.items.map((d) => [d.size, d.status])).toEqual([[3, 'pending']]);
    const faq = list.items[0]!;
    expect(faq.label).toMatch(/password/i);
    expect(faq.questions.map((q) => q.conversationId).sort()).toEqual(ids.slice(0, 3).sort());
    expect(faq.questions.map((q) => q.conversationId)).not.toContain(open.conversationId);
    expect(faq.answers.map((a) => a.text).sort()).toEqual([
      'Go to Settings > Security > Change password.',
      'Open Settings, then Security, and choose Change password.',
    ]);

    expect((await listFaqDrafts(ctx, ws2.owner)).items).toEqual([]);
    await expect(createFromFaq(ctx, ws2.owner, faq.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(listFaqDrafts(ctx, operator)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(startMining(ctx, operator)).rejects.toMatchObject({ code: 'forbidden' });

    const article = await createFromFaq(ctx, ws.owner, faq.id);
    expect(article).toMatchObject({ title: faq.label, state: 'draft', body: faq.answers[0]!.text });
    expect((await listFaqDrafts(ctx, ws.owner)).items[0]).toMatchObject({ status: 'created', articleId: article.id });
    await expect(createFromFaq(ctx, ws.owner, faq.id)).rejects.toMatchObject({ code: 'conflict' });

    // Mining again keeps what was reviewed and proposes nothing like it again.
    await startMining(ctx, ws.owner);
    await ctx.jobs.runDue();
    expect((await listFaqDrafts(ctx, ws.owner)).items.map((d) => d.status)).toEqual(['created']);
    expect((await dismissFaq(ctx, ws.owner, faq.id)).status).toBe('dismissed');
  });

  it('counts views by source, votes, insertions, and chats avoided once 24 hours have passed', async () => {
    const a = await createArticle(ctx, ws.owner, draft('Track a parcel', `track-${tag}`, 'Open Orders and follow the tracking link.'));
    const b = await createArticle(ctx, ws.owner, draft('Opening hours', `hours-${tag}`, 'We answer from 9 to 5.'));
    const visitors = await Promise.all([1, 2, 3, 4].map(async () => (await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey })).visitor));
    const t0 = ctx.now();
    const event = (articleId: string, kind: 'view' | 'inserted', source: 'widget' | 'help' | 'console') =>
      insertArticleEvent(ctx.db, {
        id: newId(),
        workspace_id: ws.workspaceId,
        article_id: articleId,
        kind,
        source,
        visitor_id: null,
        operator_id: null,
        conversation_id: null,
        created_at: t0,
      });
    await event(a.id, 'view', 'widget');
    await event(a.id, 'view', 'widget');
    await event(a.id, 'view', 'help');
    await event(b.id, 'view', 'help');
    await event(a.id, 'inserted', 'console');
    const vote = (articleId: string, i: number, helpful: boolean) =>
      upsertVote(ctx.db, { workspaceId: ws.workspaceId, articleId, visitorId: visitors[i]!.id, helpful, now: ctx.now() });
    await vote(a.id, 0, true);
    await vote(a.id, 1, true);
    await vote(a.id, 2, false);
    await vote(b.id, 3, true);
    // Visitor 1 still starts a conversation an hour later: not a chat avoided.
    await clock.advance(HOUR);
    await sendMessage(ctx, {
      workspaceId: ws.workspaceId,
      visitor: visitors[1]!,
      author: { kind: 'visitor', id: visitors[1]!.id, name: null },
      clientId: `e${++n}`,
      body: 'The tracking link does not work',
    });
    const figures = async () => {
      const r = await articleEffectiveness(ctx, ws.owner, {});
      const of = (id: string) => r.items.find((i) => i.articleId === id)!;
      return { a: of(a.id), b: of(b.id), totals: r.totals };
    };
    const early = await figures();
    expect(early.a).toMatchObject({ views: 3, viewsWidget: 2, viewsHelp: 1, helpful: 2, unhelpful: 1, chatsAvoided: 0, inserted: 1 });
    expect(early.b).toMatchObject({ views: 1, viewsHelp: 1, helpful: 1, chatsAvoided: 0, inserted: 0 });

    await clock.advance(24 * HOUR);
    const later = await figures();
    expect(later.a.chatsAvoided).toBe(1);
    expect(later.b.chatsAvoided).toBe(1);
    expect(later.totals).toMatchObject({ views: 4, helpful: 3, unhelpful: 1, chatsAvoided: 2, inserted: 1 });

    // A period before the events holds nothing; another workspace sees none of it; an operator is refused.
    expect((await articleEffectiveness(ctx, ws.owner, { from: t0 - 10 * HOUR, to: t0 - HOUR })).totals.views).toBe(0);
    const theirs = await articleEffectiveness(ctx, ws2.owner, {});
    expect(theirs.items.map((i) => i.articleId)).not.toContain(a.id);
    expect(theirs.totals).toMatchObject({ views: 0, helpful: 0, chatsAvoided: 0 });
    await expect(articleEffectiveness(ctx, operator, {})).rejects.toMatchObject({ code: 'forbidden' });
  });
});
