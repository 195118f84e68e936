/**
 * Retrieval quality through the product's own index (`switchboard eval
 * retrieval --through-product`): the articles are written and published in a
 * temporary SQLite workspace through the article service, exactly as an admin
 * would (each FAQ answer a paragraph of the body), and every query is asked of
 * `ctx.articles.find`, the finder behind the widget's suggestions and the
 * console's article search. Same metrics as the plain evaluation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Article, AssistError, meanReciprocalRank, recallAtK, type RetrievalEvaluation, type RetrievalQuery } from '@switchboard/assist';
import { type App, createApp } from '../app.js';
import { createArticleInput } from '../article/article.js';
import { createArticle, setArticleState } from '../article/article.service.js';
import { loadConfig } from '../config.js';
import { createWorkspace } from '../workspace/workspace.service.js';

/** The most the finder answers for one query: a rank beyond it counts as not found. */
export const PRODUCT_RANK_LIMIT = 50;

/** What an admin would write for a FAQ entry: the question as the title, each answer a paragraph (plain text, escaped from Markdown). */
export function articleInputOf(a: Article, slug: string) {
  const paragraphs = [a.body ?? '', ...(a.answers ?? [])].map((t) => escapeMarkdown(t.trim())).filter((t) => t !== '');
  return createArticleInput.parse({ title: a.title.slice(0, 200), slug, description: '', body: paragraphs.join('\n\n'), locale: 'en' });
}

/**
 * Plain text as Markdown that renders as that same text: the characters that
 * would start markup are escaped, and the line breaks inside an answer are
 * kept as spaces (an answer stays one paragraph).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

/** A temporary workspace on SQLite holding the published articles, as the product would index them. */
export interface EvaluationWorkspace {
  ctx: App['ctx'];
  workspaceId: string;
  /** The product's article id -> the data set's article id. */
  dataId: Map<string, string>;
}

/**
 * Runs `use` against a temporary SQLite workspace where the articles were
 * written and published through the article service (each FAQ answer a
 * paragraph), then removes it. Queries naming an unknown article are refused first.
 */
export async function withEvaluationWorkspace<T>(
  articles: readonly Article[],
  queries: readonly RetrievalQuery[],
  options: { source?: string; name: string; onProgress?: (line: string) => void },
  use: (w: EvaluationWorkspace) => Promise<T>,
): Promise<T> {
  const ids = new Set(articles.map((a) => a.id));
  for (const q of queries) {
    if (!ids.has(q.articleId)) {
      throw new AssistError('BAD_FILE', `${options.source ?? 'queries'} line ${q.line}: doc_id "${q.articleId}" is not among the articles`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-eval-'));
  const app = await createApp({ config: loadConfig({ NODE_ENV: 'development', DATA_DIR: dir, LOG_LEVEL: 'silent' }) });
  try {
    const ctx = app.ctx;
    const ws = await createWorkspace(ctx, {
      name: options.name,
      ownerEmail: 'eval@switchboard.invalid',
      ownerName: 'Evaluation',
      ownerPassword: 'evaluation-only-workspace',
      inboxName: 'Evaluation',
    });
    const dataId = new Map<string, string>();
    let n = 0;
    for (const a of articles) {
      const created = await createArticle(ctx, ws.owner, articleInputOf(a, `a-${n++}`));
      await setArticleState(ctx, ws.owner, created.id, 'published');
      dataId.set(created.id, a.id);
      if (n % 500 === 0) options.onProgress?.(`publishing articles: ${n}/${articles.length}`);
    }
    await ctx.articles.settled();
    return await use({ ctx, workspaceId: ws.workspaceId, dataId });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function evaluateRetrievalThroughProduct(
  articles: readonly Article[],
  queries: readonly RetrievalQuery[],
  options: { source?: string; onProgress?: (line: string) => void } = {},
): Promise<RetrievalEvaluation> {
  const started = performance.now();
  return withEvaluationWorkspace(articles, queries, { ...options, name: 'Retrieval evaluation' }, async ({ ctx, workspaceId, dataId }) => {
    // Builds the workspace's index from the published articles, as the first question on a node does.
    const indexed = await ctx.articles.size(workspaceId);
    const indexSeconds = (performance.now() - started) / 1000;
    if (indexed !== articles.length) throw new Error(`the product indexed ${indexed} of ${articles.length} articles`);
    const queryStart = performance.now();
    const ranks: (number | null)[] = [];
    for (const q of queries) {
      const found = await ctx.articles.find(workspaceId, q.query, { limit: PRODUCT_RANK_LIMIT });
      const at = found.findIndex((f) => dataId.get(f.id) === q.articleId);
      ranks.push(at < 0 ? null : at + 1);
    }
    return {
      task: 'retrieval',
      articles: articles.length,
      queries: queries.length,
      recallAt1: recallAtK(ranks, 1),
      recallAt5: recallAtK(ranks, 5),
      mrr: meanReciprocalRank(ranks),
      indexSeconds,
      queryMs: (performance.now() - queryStart) / queries.length,
    };
  });
}
