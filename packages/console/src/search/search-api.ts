/** GET /api/v1/search, typed as the server answers it (search.schemas.ts). */
import type { ArticleHit, ContactHit, Highlighted, MessageHit } from '@switchboard/protocol';
import { request } from '../api';

export type { ArticleHit, ContactHit, Highlighted, MessageHit } from '@switchboard/protocol';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SearchResult {
  messages: Page<MessageHit> | null;
  contacts: Page<ContactHit> | null;
  articles: Page<ArticleHit> | null;
}

export interface SearchFilters {
  status?: string;
  inboxId?: string;
  teamId?: string;
  labelId?: string;
  operatorId?: string;
  /** yyyy-mm-dd, local time. */
  from?: string;
  to?: string;
}

const day = (d: string, plus = 0) => String(new Date(`${d}T00:00:00`).getTime() + plus * 86_400_000);

export function search(q: string, f: SearchFilters, limit = 8): Promise<SearchResult> {
  const p = new URLSearchParams({ q, limit: String(limit) });
  for (const k of ['status', 'inboxId', 'teamId', 'labelId', 'operatorId'] as const) if (f[k]) p.set(k, f[k]);
  if (f.from) p.set('from', day(f.from));
  if (f.to) p.set('to', day(f.to, 1));
  return request<SearchResult>('GET', `/search?${p}`);
}

/** The text cut at the match ranges: plain strings and marked strings, for elements (never HTML). */
export function pieces(h: Highlighted): { text: string; mark: boolean }[] {
  const out: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [a, b] of [...h.ranges].sort((x, y) => x[0] - y[0])) {
    if (a < at || b > h.text.length || a >= b) continue;
    if (a > at) out.push({ text: h.text.slice(at, a), mark: false });
    out.push({ text: h.text.slice(a, b), mark: true });
    at = b;
  }
  if (at < h.text.length) out.push({ text: h.text.slice(at), mark: false });
  return out;
}
