import { wordTermsForSearch } from './fields.js';
import type { Article } from './types.js';

export interface Passage {
  text: string;
  terms: ReadonlySet<string>;
}

/** Longest excerpt handed back, cut at a word boundary. */
export const MAX_EXCERPT_CHARS = 400;

/** Each answer is a passage; a body is split into paragraphs. */
export function passagesOf(article: Article): Passage[] {
  const texts = [...(article.answers ?? []), ...(article.body ?? '').split(/\n\s*\n/)].map((t) => t.trim()).filter((t) => t !== '');
  return texts.map((text) => ({ text, terms: new Set(wordTermsForSearch(text.slice(0, 5000))) }));
}

/**
 * The passage sharing the most informative words with the question (IDF-weighted, mildly
 * favouring short passages); earlier passages win ties, as answers come best first.
 */
export function bestPassage(passages: readonly Passage[], query: ReadonlyMap<string, number>, idf: (term: string) => number): string | undefined {
  let best: Passage | undefined;
  let bestScore = -1;
  for (const passage of passages) {
    let score = 0;
    for (const term of query.keys()) if (passage.terms.has(term)) score += idf(term);
    score /= Math.sqrt(Math.log(2 + passage.terms.size));
    if (score > bestScore) {
      bestScore = score;
      best = passage;
    }
  }
  return best && shorten(best.text);
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= MAX_EXCERPT_CHARS) return flat;
  const cut = flat.slice(0, MAX_EXCERPT_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > MAX_EXCERPT_CHARS / 2 ? space : MAX_EXCERPT_CHARS)}…`;
}
