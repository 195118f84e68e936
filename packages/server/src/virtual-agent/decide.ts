/**
 * The virtual agent's one decision (G5): given the articles the finder
 * returned for a visitor's question, best first, answer with the best
 * passage of the best article, or answer nothing. The product
 * (virtual-agent.service.ts) and `switchboard eval agent` (agent-eval.ts)
 * both call `decideAnswer`, so the figures the eval prints are the product's.
 *
 * Confidence (0..1): half the best article's coverage of the question (the
 * share of its words the article holds, comparable across questions), half
 * how far the best article's relevance stands above the runner-up's (two
 * articles answering about equally well means neither is a sure answer).
 * Below a coverage floor the question is not answered whatever the margin: a
 * workspace with one article would otherwise answer everything with it.
 */
import type { FoundArticle } from '../article-assist/article-finder.js';

/** Tuned on the even-numbered stackfaq questions for precision >= 0.9 (README, Virtual agent). */
export const DEFAULT_AGENT_THRESHOLD = 0.45;
/** Below this coverage of the question, no answer. */
export const COVERAGE_FLOOR = 0.3;
export const DEFAULT_AGENT_NAME = 'Virtual agent';
export const DEFAULT_MAX_TURNS = 3;
/** How many articles the agent asks the finder for (the runner-up matters to the confidence). */
export const AGENT_FIND_LIMIT = 3;

export interface AgentAnswer {
  articleId: string;
  title: string;
  url: string;
  /** The paragraph that best answers the question, plain text. */
  passage: string;
}

export interface AgentDecision {
  confidence: number;
  /** Null: not confident enough (hand over). */
  answer: AgentAnswer | null;
}

/** How sure the best article answers the question, 0..1. */
export function confidenceOf(found: readonly Pick<FoundArticle, 'coverage' | 'score'>[]): number {
  const best = found[0];
  if (!best || best.coverage < COVERAGE_FLOOR) return 0;
  const second = found[1];
  const lead = second && best.score > 0 ? Math.max(0, 1 - second.score / best.score) : 1;
  return Math.min(1, 0.5 * best.coverage + 0.5 * Math.min(1, lead * 2));
}

export function decideAnswer(found: readonly FoundArticle[], threshold: number = DEFAULT_AGENT_THRESHOLD): AgentDecision {
  const confidence = confidenceOf(found);
  const best = found[0];
  if (!best || confidence < threshold) return { confidence, answer: null };
  const passage = (best.excerpt || best.description).trim();
  if (!passage) return { confidence, answer: null };
  return { confidence, answer: { articleId: best.id, title: best.title, url: best.url, passage } };
}
