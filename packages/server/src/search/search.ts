/**
 * Search (C4): what a query asks, what a hit looks like, and the two pure
 * steps every backend shares: turning the typed text into terms (letters and
 * digits only, so nothing the person types is ever query syntax: quotes,
 * parentheses, `*`, NEAR, AND, `:` are separators or plain words), and
 * finding the matches to highlight as ranges in plain text (the console
 * wraps them in <mark> as elements, never as HTML).
 */
import type { Highlighted } from '@switchboard/protocol';
import { fold } from '../contact/contact.repository.js';

export const SEARCH_KINDS = ['messages', 'contacts', 'articles'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export type { ArticleHit, ContactHit, Highlighted, MessageHit } from '@switchboard/protocol';

export interface SearchPage<T> {
  items: T[];
  nextCursor: string | null;
}

const MAX_TERMS = 8;

/** The words of a query, lower-cased (at most 8, each at most 64 characters); empty: nothing to look for. */
export function searchTerms(q: string): string[] {
  const words = q
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.slice(0, 64));
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** Contacts' indexed text is folded (contactKeys): so are their terms. */
export const contactTerms = (q: string): string[] => searchTerms(fold(q));

/** Each term matches the words it begins (search as you type). */
export const ftsMatch = (terms: string[]): string => terms.map((t) => `"${t}"*`).join(' ');
export const tsQuery = (terms: string[]): string => terms.map((t) => `'${t}':*`).join(' & ');

/** The words of `text` that begin with a term, as ranges; `norm` compares (lower-case, or folded for contacts). */
export function highlight(text: string, terms: string[], norm: (s: string) => string = (s) => s.toLowerCase()): Highlighted {
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = norm(m[0]);
    if (terms.some((t) => word.startsWith(t))) ranges.push([m.index, m.index + m[0].length]);
  }
  return { text, ranges };
}

/** About `width` characters around the first match, with an ellipsis where text was cut. */
export function snippet(h: Highlighted, width = 160): Highlighted {
  if (h.text.length <= width) return h;
  const first = h.ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(h.text.length, start + width);
  start = Math.max(0, end - width);
  const head = start > 0 ? '…' : '';
  const tail = end < h.text.length ? '…' : '';
  const shift = head.length - start;
  const ranges = h.ranges.filter(([a, b]) => a >= start && b <= end).map(([a, b]): [number, number] => [a + shift, b + shift]);
  return { text: head + h.text.slice(start, end) + tail, ranges };
}

export const highlightContactField = (value: string | null, terms: string[]): Highlighted | null => (value === null ? null : highlight(value, terms, fold));

/**
 * An article's Markdown as the words a reader sees, for its snippet: no
 * heading, quote or list marks, emphasis or code ticks, links and images as
 * their text, tags dropped, blank runs as one space.
 */
export function markdownText(md: string): string {
  return md
    .replace(/<[^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[`*_~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The snippet of an article: its body around the first match, or its description when only that matched. */
export function articleSnippet(description: string, body: string, terms: string[]): Highlighted {
  const inBody = highlight(markdownText(body), terms);
  if (inBody.ranges.length > 0 || description === '') return snippet(inBody);
  const inDescription = highlight(description, terms);
  return snippet(inDescription.ranges.length > 0 || inBody.text === '' ? inDescription : inBody);
}
