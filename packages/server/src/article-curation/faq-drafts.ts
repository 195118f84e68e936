/**
 * FAQ drafts (F4), mined from resolved conversations of the last 30 days (at
 * most MAX_CONVERSATIONS, the latest): each first visitor question paired
 * with the operator's first substantive reply, similar questions clustered
 * (similarity.ts), and clusters of two or more that no published article
 * covers kept as pending drafts. Mining again replaces the pending drafts;
 * a cluster like one already created or dismissed is not proposed again.
 */
import { GAP_COVERAGE } from '../article-assist/article-finder.js';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { newId } from '../ids.js';
import type { FaqAnswer, FaqQuestion } from './curation.js';
import { MAX_QUESTION } from './content-gaps.js';
import { cluster, isQuestion, representative, SIMILAR, similarity, termsOf } from './similarity.js';

const DAY = 86_400_000;
export const MINE_DAYS = 30;
export const MAX_CONVERSATIONS = 2000;
const BATCH = 200;
const MAX_ANSWER = 2000;

interface Pair {
  conversationId: string;
  question: string;
  answer: FaqAnswer | null;
}

/** A reply that says something: three words or more. */
const substantive = (text: string) => text.trim().split(/\s+/).length >= 3;

async function pairs(db: Db, workspaceId: string, since: number): Promise<Pair[]> {
  const conversations = await db
    .selectFrom('conversations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'resolved')
    .where('updated_at', '>=', since)
    .orderBy('updated_at', 'desc')
    .limit(MAX_CONVERSATIONS)
    .execute();
  const out: Pair[] = [];
  for (let i = 0; i < conversations.length; i += BATCH) {
    const ids = conversations.slice(i, i + BATCH).map((c) => c.id);
    const messages = await db
      .selectFrom('messages')
      .select(['conversation_id', 'author_kind', 'author_id', 'body'])
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', 'in', ids)
      .where('kind', '=', 'text')
      .where('author_kind', 'in', ['visitor', 'operator'])
      .orderBy('conversation_id')
      .orderBy('seq')
      .execute();
    const byConversation = new Map<string, Pair>();
    for (const m of messages) {
      const p = byConversation.get(m.conversation_id);
      if (!p) {
        if (m.author_kind === 'visitor')
          byConversation.set(m.conversation_id, { conversationId: m.conversation_id, question: m.body.trim().slice(0, MAX_QUESTION), answer: null });
        else byConversation.set(m.conversation_id, { conversationId: m.conversation_id, question: '', answer: null });
        continue;
      }
      if (!p.answer && p.question && m.author_kind === 'operator' && substantive(m.body)) {
        p.answer = { text: m.body.trim().slice(0, MAX_ANSWER), conversationId: m.conversation_id, operatorId: m.author_id };
      }
    }
    for (const p of byConversation.values()) if (p.question && isQuestion(p.question)) out.push(p);
  }
  return out;
}

export interface MinedDraft {
  label: string;
  questions: FaqQuestion[];
  answers: FaqAnswer[];
  size: number;
}

export async function mineDrafts(ctx: Context, workspaceId: string): Promise<MinedDraft[]> {
  const found = await pairs(ctx.db, workspaceId, ctx.now() - MINE_DAYS * DAY);
  const reviewed = await ctx.db.selectFrom('faq_drafts').select('label').where('workspace_id', '=', workspaceId).where('status', '!=', 'pending').execute();
  const reviewedTerms = reviewed.map((r) => termsOf(r.label));
  const drafts: MinedDraft[] = [];
  for (const group of cluster(found, (p) => p.question)) {
    if (group.length < 2) continue;
    const label = representative(group, (p) => termsOf(p.question))!.question;
    const terms = termsOf(label);
    if (reviewedTerms.some((t) => similarity(t, terms) >= SIMILAR)) continue;
    const [best] = await ctx.articles.find(workspaceId, label, { limit: 1 });
    if (best && best.coverage >= GAP_COVERAGE) continue;
    const answers = group.flatMap((p) => (p.answer ? [p.answer] : []));
    const bestAnswer = representative(answers, (a) => termsOf(a.text));
    const ordered = bestAnswer ? [bestAnswer, ...answers.filter((a) => a !== bestAnswer)] : [];
    drafts.push({
      label,
      questions: group.slice(0, 10).map((p) => ({ text: p.question, conversationId: p.conversationId })),
      answers: ordered.slice(0, 5),
      size: group.length,
    });
  }
  return drafts.sort((a, b) => b.size - a.size);
}

/** Replaces the workspace's pending drafts with these, in `db` (the job's transaction). */
export async function storeDrafts(db: Db, workspaceId: string, drafts: MinedDraft[], now: number): Promise<void> {
  await db.deleteFrom('faq_drafts').where('workspace_id', '=', workspaceId).where('status', '=', 'pending').execute();
  for (const d of drafts) {
    await db
      .insertInto('faq_drafts')
      .values({
        id: newId(),
        workspace_id: workspaceId,
        label: d.label,
        questions: JSON.stringify(d.questions),
        answers: JSON.stringify(d.answers),
        size: d.size,
        status: 'pending',
        article_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}
