/**
 * Content gaps (F4): the first question of each new conversation that no
 * published article covers (best coverage below GAP_COVERAGE), grouped with
 * similar questions of its workspace (similarity.ts). Checked by a durable
 * job per conversation, off the send path (subscribe.ts).
 */
import { sql } from 'kysely';
import { GAP_COVERAGE } from '../article-assist/article-finder.js';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { newId } from '../ids.js';
import type { ContentGapClusterTable } from './curation.table.js';
import { isQuestion, nearest, representative, termsOf } from './similarity.js';

export const MAX_QUESTION = 500;
/** Open clusters compared with a new question (the most recently seen). */
const MAX_OPEN_CLUSTERS = 2000;

export type GapCluster = ContentGapClusterTable;

/** The visitor's first text message of the conversation, if any. */
export async function firstVisitorText(db: Db, workspaceId: string, conversationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('messages')
    .select('body')
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('author_kind', '=', 'visitor')
    .where('kind', '=', 'text')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return row?.body ?? null;
}

export type GapCheck = 'no-question' | 'covered' | 'stored' | 'already';

/** Checks a conversation's first question once; a gap is stored in its cluster in the same transaction as `complete`. */
export async function checkConversation(
  ctx: Context,
  p: { workspaceId: string; conversationId: string; complete?: (trx: Db) => Promise<void> },
): Promise<GapCheck> {
  /** Nothing to store: the job ends with this answer. */
  const done = async (answer: GapCheck): Promise<GapCheck> => {
    if (p.complete) await ctx.db.transaction().execute((trx) => p.complete!(trx));
    return answer;
  };
  const known = await ctx.db.selectFrom('content_gap_questions').select('id').where('conversation_id', '=', p.conversationId).executeTakeFirst();
  if (known) return done('already');
  const body = await firstVisitorText(ctx.db, p.workspaceId, p.conversationId);
  if (!body || !isQuestion(body)) return done('no-question');
  const text = body.trim().slice(0, MAX_QUESTION);
  const [best] = await ctx.articles.find(p.workspaceId, text, { limit: 3 });
  if (best && best.coverage >= GAP_COVERAGE) return done('covered');
  const terms = termsOf(text);
  const open = await ctx.db
    .selectFrom('content_gap_clusters')
    .select(['id', 'label'])
    .where('workspace_id', '=', p.workspaceId)
    .where('status', '=', 'open')
    .orderBy('last_seen_at', 'desc')
    .limit(MAX_OPEN_CLUSTERS)
    .execute();
  const into = nearest(terms, open, (c) => termsOf(c.label));
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const clusterId = into?.id ?? newId();
    if (!into) {
      await trx
        .insertInto('content_gap_clusters')
        .values({
          id: clusterId,
          workspace_id: p.workspaceId,
          label: text,
          count: 0,
          status: 'open',
          article_id: null,
          last_seen_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await trx
      .insertInto('content_gap_questions')
      .values({
        id: newId(),
        workspace_id: p.workspaceId,
        conversation_id: p.conversationId,
        cluster_id: clusterId,
        text,
        article_id: best?.id ?? null,
        coverage: best ? best.coverage : null,
        created_at: now,
      })
      .onConflict((oc) => oc.column('conversation_id').doNothing())
      .execute();
    await relabel(trx, clusterId, now);
    if (p.complete) await p.complete(trx);
  });
  return 'stored';
}

/** Count and label again from the cluster's questions (the label: the most representative of the latest 50). */
async function relabel(db: Db, clusterId: string, now: number): Promise<void> {
  const { n } = await db
    .selectFrom('content_gap_questions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('cluster_id', '=', clusterId)
    .executeTakeFirstOrThrow();
  const recent = await db
    .selectFrom('content_gap_questions')
    .select('text')
    .where('cluster_id', '=', clusterId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  const label = representative(recent.reverse(), (q) => termsOf(q.text))?.text;
  await db
    .updateTable('content_gap_clusters')
    .set({ count: Number(n), last_seen_at: now, updated_at: now, ...(label ? { label } : {}) })
    .where('id', '=', clusterId)
    .execute();
}

/** After an article is published: the open clusters whose label it now answers are covered. */
export async function coverClusters(ctx: Context, workspaceId: string): Promise<number> {
  await ctx.articles.settled();
  const open = await ctx.db
    .selectFrom('content_gap_clusters')
    .select(['id', 'label'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .limit(MAX_OPEN_CLUSTERS)
    .execute();
  let covered = 0;
  for (const c of open) {
    const [best] = await ctx.articles.find(workspaceId, c.label, { limit: 1 });
    if (!best || best.coverage < GAP_COVERAGE) continue;
    await ctx.db
      .updateTable('content_gap_clusters')
      .set({ status: 'covered', article_id: best.id, updated_at: ctx.now() })
      .where('id', '=', c.id)
      .where('status', '=', 'open')
      .execute();
    covered++;
  }
  return covered;
}

export async function listClusterRows(db: Db, workspaceId: string, page: { limit: number; offset: number }): Promise<GapCluster[]> {
  return db
    .selectFrom('content_gap_clusters')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .orderBy('count', 'desc')
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
}

/** Up to `perCluster` latest questions of each cluster, one query. */
export async function examplesOf(db: Db, workspaceId: string, clusterIds: string[], perCluster: number) {
  if (clusterIds.length === 0) return [];
  const ranked = db
    .selectFrom('content_gap_questions')
    .select(['cluster_id', 'text', 'conversation_id', 'created_at'])
    .select(sql<number>`row_number() over (partition by cluster_id order by created_at desc, id desc)`.as('rank'))
    .where('workspace_id', '=', workspaceId)
    .where('cluster_id', 'in', clusterIds)
    .as('ranked');
  return db.selectFrom(ranked).selectAll().where('rank', '<=', perCluster).orderBy('created_at', 'desc').execute();
}
