/** A knowledge-base article, or a FAQ entry with its answers. */
export interface Article {
  id: string;
  /** Title or question. */
  title: string;
  body?: string;
  /** Accepted answers (FAQ) or past operator replies to this question. */
  answers?: string[];
}

export interface ArticleMatch {
  id: string;
  title: string;
  /** Fused relevance: higher is better; comparable within one query. */
  score: number;
  /**
   * How much of the question the article covers, from 0 to 1: the share of the question's words
   * (stemmed, stop words left out), weighted by rarity, that the article contains. Unlike `score` it
   * is comparable across queries: a low best coverage means no article answers the question.
   */
  coverage: number;
  /**
   * The answer (or body paragraph) that best matches the question, shortened: the grounded text
   * an operator can send or adapt. Absent when the article has no body or answers.
   */
  excerpt?: string;
}

export interface SearchOptions {
  /** Number of matches to return (default 5, at most 100). */
  limit?: number;
}
