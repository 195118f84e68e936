/**
 * The virtual agent measured (`switchboard eval agent`): the articles are
 * published in a temporary SQLite workspace through the article service, as
 * for `eval retrieval --through-product`, and each question goes through the
 * product's finder and the product's decision (`decideAnswer`, decide.ts).
 * An answer is right when it comes from the article the question belongs to.
 *
 * Answer rate: the share of questions answered. Precision: the share of
 * answers that are right. Printed at the product's default threshold, at a
 * given one, and at the lowest threshold whose precision is at least 0.9 on
 * these questions (the best answer rate at that precision).
 */
import type { Article, RetrievalQuery } from '@switchboard/assist';
import { withEvaluationWorkspace } from '../article-assist/retrieval-eval.js';
import { AGENT_FIND_LIMIT, DEFAULT_AGENT_THRESHOLD, decideAnswer } from './decide.js';

export const TARGET_PRECISION = 0.9;

/** One question as the agent saw it: how confident, and whether its best article was the right one. */
export interface AgentJudgement {
  confidence: number;
  right: boolean;
}

export interface AgentPoint {
  threshold: number;
  answerRate: number;
  /** Null when nothing is answered. */
  precision: number | null;
}

export interface AgentEvaluation {
  task: 'agent';
  articles: number;
  queries: number;
  /** Right article first, whatever the confidence (recall@1). */
  bestArticleRight: number;
  atDefault: AgentPoint;
  /** The lowest threshold reaching the target precision, and its answer rate; null if none does. */
  atTarget: AgentPoint | null;
  targetPrecision: number;
  queryMs: number;
}

/** Answer rate and precision when questions below `threshold` are not answered (the same rule as decideAnswer). */
export function pointAt(judged: readonly AgentJudgement[], threshold: number): AgentPoint {
  const answered = judged.filter((j) => j.confidence >= threshold && j.confidence > 0);
  const right = answered.filter((j) => j.right).length;
  return { threshold, answerRate: judged.length ? answered.length / judged.length : 0, precision: answered.length ? right / answered.length : null };
}

/** The best answer rate with precision >= target: the lowest such threshold among the confidences seen. */
export function pointForPrecision(judged: readonly AgentJudgement[], target = TARGET_PRECISION): AgentPoint | null {
  const candidates = [...new Set(judged.map((j) => j.confidence).filter((c) => c > 0))].sort((a, b) => a - b);
  for (const t of candidates) {
    const p = pointAt(judged, t);
    if (p.precision !== null && p.precision >= target) return p;
  }
  return null;
}

export async function judgeThroughProduct(
  articles: readonly Article[],
  queries: readonly RetrievalQuery[],
  options: { source?: string; onProgress?: (line: string) => void } = {},
): Promise<{ judged: AgentJudgement[]; queryMs: number }> {
  return withEvaluationWorkspace(articles, queries, { ...options, name: 'Virtual agent evaluation' }, async ({ ctx, workspaceId, dataId }) => {
    const started = performance.now();
    const judged: AgentJudgement[] = [];
    for (const q of queries) {
      // Exactly what the product asks: the finder, then the decision (at threshold 0, to see every confidence).
      const found = await ctx.articles.find(workspaceId, q.query, { locale: 'en', limit: AGENT_FIND_LIMIT });
      const d = decideAnswer(found, 0);
      judged.push({ confidence: d.answer ? d.confidence : 0, right: d.answer !== null && dataId.get(d.answer.articleId) === q.articleId });
    }
    return { judged, queryMs: (performance.now() - started) / Math.max(1, queries.length) };
  });
}

export async function evaluateAgentThroughProduct(
  articles: readonly Article[],
  queries: readonly RetrievalQuery[],
  options: { source?: string; threshold?: number; onProgress?: (line: string) => void } = {},
): Promise<AgentEvaluation> {
  const { judged, queryMs } = await judgeThroughProduct(articles, queries, options);
  return summarizeJudgements(judged, articles.length, options.threshold ?? DEFAULT_AGENT_THRESHOLD, queryMs);
}

export function summarizeJudgements(judged: readonly AgentJudgement[], articles: number, threshold: number, queryMs = 0): AgentEvaluation {
  return {
    task: 'agent',
    articles,
    queries: judged.length,
    bestArticleRight: judged.length ? judged.filter((j) => j.right).length / judged.length : 0,
    atDefault: pointAt(judged, threshold),
    atTarget: pointForPrecision(judged),
    targetPrecision: TARGET_PRECISION,
    queryMs,
  };
}
