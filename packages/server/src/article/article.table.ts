/** Row types of the knowledge base (see migration 0032). */
export interface ArticleCategoryTable {
  id: string;
  workspace_id: string;
  name: string;
  slug: string;
  description: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface ArticleTable {
  id: string;
  workspace_id: string;
  category_id: string | null;
  locale: string;
  /** Shared by an article and its translations (the first article's id). */
  translation_group_id: string;
  slug: string;
  title: string;
  description: string;
  /** Markdown; rendered by render-markdown.ts only. */
  body: string;
  state: 'draft' | 'published';
  /** The number of the latest version in article_versions. */
  version: number;
  published_at: number | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface ArticleVersionTable {
  article_id: string;
  number: number;
  workspace_id: string;
  title: string;
  body: string;
  author_id: string;
  created_at: number;
}

/** A slug an article had before: its public address redirects to the current one. */
export interface ArticleOldSlugTable {
  workspace_id: string;
  locale: string;
  slug: string;
  article_id: string;
}

declare module '../db/tables.js' {
  interface Database {
    article_categories: ArticleCategoryTable;
    articles: ArticleTable;
    article_versions: ArticleVersionTable;
    article_old_slugs: ArticleOldSlugTable;
  }
}
