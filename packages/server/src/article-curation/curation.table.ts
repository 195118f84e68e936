/** Row types of content gaps (migration 0036) and FAQ drafts (migration 0037). */
export interface ContentGapClusterTable {
  id: string;
  workspace_id: string;
  /** Its most representative question. */
  label: string;
  count: number;
  status: 'open' | 'dismissed' | 'covered';
  /** The published article that covered it (status covered). */
  article_id: string | null;
  last_seen_at: number;
  created_at: number;
  updated_at: number;
}

export interface ContentGapQuestionTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  cluster_id: string;
  /** The visitor's first message, at most 500 characters. */
  text: string;
  /** The best article found and its coverage (below GAP_COVERAGE); null: none found. */
  article_id: string | null;
  coverage: number | null;
  created_at: number;
}

export interface FaqDraftTable {
  id: string;
  workspace_id: string;
  label: string;
  /** JSON FaqQuestion[] (at most 10). */
  questions: string;
  /** JSON FaqAnswer[] (at most 5, the best first). */
  answers: string;
  size: number;
  status: 'pending' | 'created' | 'dismissed';
  article_id: string | null;
  created_at: number;
  updated_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    content_gap_clusters: ContentGapClusterTable;
    content_gap_questions: ContentGapQuestionTable;
    faq_drafts: FaqDraftTable;
  }
}
