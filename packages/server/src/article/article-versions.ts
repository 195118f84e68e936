/** An article's history: its versions, the difference between two, and restoring one (as a new version). */
import { diffLines, diffWordsWithSpace } from 'diff';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { operatorNames } from '../task/task.repository.js';
import type { ArticleDto, DiffDto, VersionDto } from './article.js';
import { findVersion, listVersionRows } from './article.repository.js';
import { updateArticle, visibleArticle } from './article.service.js';

export async function listVersions(ctx: Context, actor: Operator, articleId: string): Promise<VersionDto[]> {
  await visibleArticle(ctx, actor, articleId);
  const rows = await listVersionRows(ctx.db, actor.workspaceId, articleId);
  const names = await operatorNames(
    ctx.db,
    actor.workspaceId,
    rows.map((r) => r.author_id),
  );
  return rows.map((r) => ({ number: r.number, title: r.title, authorId: r.author_id, authorName: names.get(r.author_id) ?? null, createdAt: r.created_at }));
}

type Part = DiffDto['body'][number];
const parts = (changes: { value: string; added?: boolean; removed?: boolean }[]): Part[] =>
  changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));

/** What changed from one version to another: the title word by word, the body line by line. */
export async function diffVersions(ctx: Context, actor: Operator, articleId: string, from: number, to: number): Promise<DiffDto> {
  await visibleArticle(ctx, actor, articleId);
  const [a, b] = await Promise.all([findVersion(ctx.db, actor.workspaceId, articleId, from), findVersion(ctx.db, actor.workspaceId, articleId, to)]);
  if (!a || !b) throw notFound('Version');
  return { from, to, title: parts(diffWordsWithSpace(a.title, b.title)), body: parts(diffLines(a.body, b.body)) };
}

/** Restoring a version saves its title and body again: history only grows. */
export async function restoreVersion(ctx: Context, actor: Operator, articleId: string, number: number): Promise<ArticleDto> {
  await visibleArticle(ctx, actor, articleId);
  const v = await findVersion(ctx.db, actor.workspaceId, articleId, number);
  if (!v) throw notFound('Version');
  return updateArticle(ctx, actor, articleId, { title: v.title, body: v.body });
}
