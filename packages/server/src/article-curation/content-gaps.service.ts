/** What owners, admins and supervisors do with content gaps: read them, dismiss one, start an article from one. */
import type { ArticleDto } from '../article/article.js';
import { createArticle } from '../article/article.service.js';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { examplesOf, type GapCluster, listClusterRows } from './content-gaps.js';
import type { GapClusterDetailDto, GapClusterDto } from './curation.js';
import { draftFields } from './draft-fields.js';

const base = (c: GapCluster) => ({
  id: c.id,
  label: c.label,
  count: c.count,
  status: c.status,
  articleId: c.article_id,
  lastSeenAt: c.last_seen_at,
  createdAt: c.created_at,
});

export async function listGaps(
  ctx: Context,
  actor: Operator,
  page: { limit: number; offset: number },
): Promise<{ items: GapClusterDto[]; nextOffset: number | null }> {
  authorize(actor, 'article.manage');
  const rows = await listClusterRows(ctx.db, actor.workspaceId, page);
  const more = rows.length > page.limit;
  const clusters = rows.slice(0, page.limit);
  const examples = await examplesOf(
    ctx.db,
    actor.workspaceId,
    clusters.map((c) => c.id),
    3,
  );
  const items = clusters.map((c) => ({
    ...base(c),
    examples: examples.filter((e) => e.cluster_id === c.id).map((e) => ({ text: e.text, conversationId: e.conversation_id, createdAt: e.created_at })),
  }));
  return { items, nextOffset: more ? page.offset + page.limit : null };
}

async function clusterOf(ctx: Context, actor: Operator, id: string): Promise<GapCluster> {
  authorize(actor, 'article.manage');
  const c = await ctx.db.selectFrom('content_gap_clusters').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('Content gap');
  return c;
}

async function detail(ctx: Context, c: GapCluster): Promise<GapClusterDetailDto> {
  const questions = await ctx.db
    .selectFrom('content_gap_questions')
    .select(['text', 'conversation_id', 'created_at', 'article_id', 'coverage'])
    .where('workspace_id', '=', c.workspace_id)
    .where('cluster_id', '=', c.id)
    .orderBy('created_at', 'desc')
    .limit(1000)
    .execute();
  return {
    ...base(c),
    questions: questions.map((q) => ({
      text: q.text,
      conversationId: q.conversation_id,
      createdAt: q.created_at,
      bestArticleId: q.article_id,
      coverage: q.coverage === null ? null : Number(q.coverage),
    })),
  };
}

export async function getGap(ctx: Context, actor: Operator, id: string): Promise<GapClusterDetailDto> {
  return detail(ctx, await clusterOf(ctx, actor, id));
}

export async function dismissGap(ctx: Context, actor: Operator, id: string): Promise<GapClusterDetailDto> {
  const c = await clusterOf(ctx, actor, id);
  const now = ctx.now();
  await ctx.db.updateTable('content_gap_clusters').set({ status: 'dismissed', updated_at: now }).where('id', '=', c.id).execute();
  return detail(ctx, { ...c, status: 'dismissed', updated_at: now });
}

/** A draft article titled after the cluster's label, its questions listed as a starting point. */
export async function draftFromGap(ctx: Context, actor: Operator, id: string): Promise<ArticleDto> {
  authorize(actor, 'article.manage');
  const d = await detail(ctx, await clusterOf(ctx, actor, id));
  const asked = [...new Set(d.questions.map((q) => q.text.replace(/\s+/g, ' ').trim()))].slice(0, 20);
  const body = ['Visitors asked:', '', ...asked.map((q) => `- ${q}`), '', '## Answer', '', ''].join('\n');
  return createArticle(ctx, actor, draftFields(d.label, body));
}
