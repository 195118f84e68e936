/** The review queue of FAQ drafts: list, start mining now, make an article draft from one, dismiss one. */
import type { ArticleDto } from '../article/article.js';
import { createArticle } from '../article/article.service.js';
import type { Context } from '../context.js';
import { conflict, notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { FaqTable } from './faq-row.js';
import type { FaqAnswer, FaqDraftDto, FaqQuestion } from './curation.js';
import { draftFields } from './draft-fields.js';
import { FAQ_MINE, mineKey } from './curation.jobs.js';

function present(r: FaqTable): FaqDraftDto {
  return {
    id: r.id,
    label: r.label,
    questions: JSON.parse(r.questions) as FaqQuestion[],
    answers: JSON.parse(r.answers) as FaqAnswer[],
    size: r.size,
    status: r.status,
    articleId: r.article_id,
    createdAt: r.created_at,
  };
}

export async function listFaqDrafts(ctx: Context, actor: Operator): Promise<{ items: FaqDraftDto[]; mining: boolean; jobId: string | null }> {
  authorize(actor, 'article.manage');
  const rows = await ctx.db
    .selectFrom('faq_drafts')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('status', '!=', 'dismissed')
    .orderBy((eb) => eb.case().when('status', '=', 'pending').then(0).else(1).end())
    .orderBy('size', 'desc')
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  const job = await ctx.jobs.get(mineKey(actor.workspaceId));
  const mining = !!job && (job.status === 'running' || (job.status === 'pending' && job.run_at <= ctx.now()));
  return { items: rows.map(present), mining, jobId: mining ? job!.id : null };
}

/** Mining now: the workspace's mining job, due at once (the same job as the daily one). */
export async function startMining(ctx: Context, actor: Operator): Promise<{ jobId: string }> {
  authorize(actor, 'article.manage');
  const s = await ctx.jobs.schedule({
    kind: FAQ_MINE,
    key: mineKey(actor.workspaceId),
    runAt: ctx.now(),
    payload: { workspaceId: actor.workspaceId },
    replace: true,
    workspaceId: actor.workspaceId,
  });
  return { jobId: s.id };
}

async function draftOf(ctx: Context, actor: Operator, id: string): Promise<FaqTable> {
  authorize(actor, 'article.manage');
  const r = await ctx.db.selectFrom('faq_drafts').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('FAQ draft');
  return r;
}

export async function createFromFaq(ctx: Context, actor: Operator, id: string): Promise<ArticleDto> {
  const r = await draftOf(ctx, actor, id);
  if (r.status !== 'pending') throw conflict(r.status === 'created' ? 'An article was already made from this FAQ draft' : 'This FAQ draft was dismissed');
  const best = (JSON.parse(r.answers) as FaqAnswer[])[0];
  const article = await createArticle(ctx, actor, draftFields(r.label, best?.text ?? ''));
  await ctx.db.updateTable('faq_drafts').set({ status: 'created', article_id: article.id, updated_at: ctx.now() }).where('id', '=', r.id).execute();
  return article;
}

export async function dismissFaq(ctx: Context, actor: Operator, id: string): Promise<FaqDraftDto> {
  const r = await draftOf(ctx, actor, id);
  const now = ctx.now();
  await ctx.db.updateTable('faq_drafts').set({ status: 'dismissed', updated_at: now }).where('id', '=', r.id).execute();
  return present({ ...r, status: 'dismissed', updated_at: now });
}
