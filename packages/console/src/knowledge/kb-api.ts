/** The HTTP API of the knowledge base (the console's other calls are in api.ts). */
import { request } from '../api';

export type ArticleState = 'draft' | 'published';

export interface CategoryDto {
  id: string;
  name: string;
  slug: string;
  description: string;
  position: number;
}

export interface ArticleSummaryDto {
  id: string;
  title: string;
  slug: string;
  description: string;
  locale: string;
  categoryId: string | null;
  translationGroupId: string;
  state: ArticleState;
  version: number;
  publishedAt: number | null;
  url: string;
  createdAt: number;
  updatedAt: number;
}

export interface ArticleDto extends ArticleSummaryDto {
  body: string;
  translations: { id: string; locale: string; title: string; state: ArticleState }[];
}

export interface VersionDto {
  number: number;
  title: string;
  authorId: string;
  authorName: string | null;
  createdAt: number;
}

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface ArticleFields {
  title: string;
  slug: string;
  description: string;
  body: string;
  locale: string;
  categoryId: string | null;
}

function query(params: Record<string, string | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  const q = s.toString();
  return q ? `?${q}` : '';
}

export const kbApi = {
  categories: () => request<{ items: CategoryDto[] }>('GET', '/article-categories').then((r) => r.items),
  createCategory: (body: { name: string; slug: string; description: string }) => request<CategoryDto>('POST', '/article-categories', body),
  updateCategory: (id: string, body: Partial<Omit<CategoryDto, 'id'>>) => request<CategoryDto>('PATCH', `/article-categories/${id}`, body),
  deleteCategory: (id: string) => request<void>('DELETE', `/article-categories/${id}`),
  articles: (f: { state?: string; locale?: string; categoryId?: string }) =>
    request<{ items: ArticleSummaryDto[] }>('GET', `/articles${query(f)}`).then((r) => r.items),
  article: (id: string) => request<ArticleDto>('GET', `/articles/${id}`),
  createArticle: (body: ArticleFields & { translationOf: string | null }) => request<ArticleDto>('POST', '/articles', { ...body }),
  updateArticle: (id: string, body: Partial<ArticleFields>) => request<ArticleDto>('PATCH', `/articles/${id}`, body),
  deleteArticle: (id: string) => request<void>('DELETE', `/articles/${id}`),
  publish: (id: string) => request<ArticleDto>('POST', `/articles/${id}/publish`, {}),
  unpublish: (id: string) => request<ArticleDto>('POST', `/articles/${id}/unpublish`, {}),
  preview: (body: string) => request<{ html: string }>('POST', '/articles/preview', { body }).then((r) => r.html),
  versions: (id: string) => request<{ items: VersionDto[] }>('GET', `/articles/${id}/versions`).then((r) => r.items),
  diff: (id: string, from: number, to: number) => request<{ title: DiffPart[]; body: DiffPart[] }>('GET', `/articles/${id}/diff?from=${from}&to=${to}`),
  restore: (id: string, number: number) => request<ArticleDto>('POST', `/articles/${id}/versions/${number}/restore`, {}),
};

/** The curation loop (F4): content gaps, FAQ drafts, article effectiveness. */
export interface GapExample {
  text: string;
  conversationId: string;
  createdAt: number;
}
export interface GapClusterDto {
  id: string;
  label: string;
  count: number;
  status: 'open' | 'dismissed' | 'covered';
  articleId: string | null;
  lastSeenAt: number;
  createdAt: number;
  examples: GapExample[];
}
export interface FaqDraftDto {
  id: string;
  label: string;
  questions: { text: string; conversationId: string }[];
  answers: { text: string; conversationId: string; operatorId: string | null }[];
  size: number;
  status: 'pending' | 'created' | 'dismissed';
  articleId: string | null;
  createdAt: number;
}
export interface EffectivenessFigures {
  views: number;
  viewsWidget: number;
  viewsHelp: number;
  helpful: number;
  unhelpful: number;
  chatsAvoided: number;
  inserted: number;
}
export interface EffectivenessDto {
  from: number;
  to: number;
  items: (EffectivenessFigures & { articleId: string; title: string; state: ArticleState })[];
  totals: EffectivenessFigures;
}

export const curationApi = {
  gaps: (offset = 0) => request<{ items: GapClusterDto[]; nextOffset: number | null }>('GET', `/content-gaps?limit=20&offset=${offset}`),
  dismissGap: (id: string) => request<unknown>('POST', `/content-gaps/${id}/dismiss`, {}),
  draftFromGap: (id: string) => request<ArticleDto>('POST', `/content-gaps/${id}/draft`, {}),
  faqDrafts: () => request<{ items: FaqDraftDto[]; mining: boolean; jobId: string | null }>('GET', '/faq-drafts'),
  mine: () => request<{ jobId: string }>('POST', '/faq-drafts/mine', {}),
  createFromFaq: (id: string) => request<ArticleDto>('POST', `/faq-drafts/${id}/create`, {}),
  dismissFaq: (id: string) => request<unknown>('POST', `/faq-drafts/${id}/dismiss`, {}),
  effectiveness: () => request<EffectivenessDto>('GET', '/articles/effectiveness'),
};
