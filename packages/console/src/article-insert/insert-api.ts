/** The console's article search and insertion (GET /api/v1/articles/suggest, POST /api/v1/articles/:id/inserted). */
import { request } from '../api';

export interface ArticleSuggestion {
  id: string;
  title: string;
  description: string;
  /** Plain text: the paragraph that best answers the question. */
  excerpt: string;
  /** Absolute public address on the help centre. */
  url: string;
  locale: string;
  coverage: number;
}

/** With no words, the articles for the conversation's last visitor messages. */
export async function suggestArticles(conversationId: string, q: string): Promise<ArticleSuggestion[]> {
  const params = new URLSearchParams({ conversationId });
  if (q.trim()) params.set('q', q.trim().slice(0, 500));
  return (await request<{ items: ArticleSuggestion[] }>('GET', `/articles/suggest?${params}`)).items;
}

export async function recordInserted(articleId: string, conversationId: string, what: 'link' | 'excerpt'): Promise<void> {
  await request('POST', `/articles/${encodeURIComponent(articleId)}/inserted`, { conversationId, what });
}

/** What goes into the reply: "Title: https://…", or the excerpt with that link under it. */
export function insertion(a: Pick<ArticleSuggestion, 'title' | 'url' | 'excerpt'>, what: 'link' | 'excerpt'): string {
  const link = `${a.title}: ${a.url}`;
  const excerpt = a.excerpt.trim();
  return what === 'excerpt' && excerpt ? `${excerpt}\n${link}` : link;
}

/** `text` with `snippet` put between `start` and `end` (a selection is replaced), on a line of its own when mid-text; and where the caret goes after. */
export function insertAt(text: string, snippet: string, start: number, end: number): { value: string; caret: number } {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  const before = text.slice(0, s);
  const after = text.slice(e);
  const lead = before && !/\s$/.test(before) ? '\n' : '';
  const trail = after && !/^\s/.test(after) ? '\n' : '';
  const value = `${before}${lead}${snippet}${trail}${after}`;
  return { value, caret: before.length + lead.length + snippet.length };
}
