import { normalizeText, stem, words } from '../text/normalize.js';
import { STOPWORDS } from '../text/stopwords.js';
import { charTerms } from '../text/terms.js';
import type { Article } from './types.js';

/** Longest article text indexed per field; answers beyond it add little and cost time. */
const MAX_FIELD_CHARS = 30_000;

export function contentText(article: Article): string {
  return [article.body ?? '', ...(article.answers ?? [])].join('\n').slice(0, MAX_FIELD_CHARS);
}

/** Stemmed content words, function words dropped (unless nothing else is left). */
export function wordTermsForSearch(text: string): string[] {
  const all = words(normalizeText(text));
  const kept = all.filter((w) => !STOPWORDS.has(w));
  return (kept.length > 0 ? kept : all).map(stem);
}

export function charTermsForSearch(text: string): string[] {
  const kept = words(normalizeText(text)).filter((w) => !STOPWORDS.has(w));
  return charTerms(kept.join(' '), 3, 5);
}

export function weighted(terms: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const term of terms) out.set(term, 1);
  return out;
}
