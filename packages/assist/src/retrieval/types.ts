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
   * The answer (or body paragraph) that best matches the question, shortened: the grounded text
   * an operator can send or adapt. Absent when the article has no body or answers.
   */
  excerpt?: string;
}

export interface SearchOptions {
  /** Number of matches to return (default 5, at most 100). */
  limit?: number;
}
