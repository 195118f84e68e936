/**
 * How content gaps and FAQ drafts group questions: by the stemmed content
 * words they share (stop words left out), as the cosine of their term sets
 * (shared terms / √(terms of one × terms of the other)). A question joins the
 * nearest cluster at SIMILAR or above, else starts one. Fast, deterministic
 * and the same on every node (no model to load).
 */
import { normalizeText, STOPWORDS, stem, words } from '@switchboard/assist';

/** Two questions at or above this are "the same question". */
export const SIMILAR = 0.5;

const GREETINGS = new Set(
  'hi hello hey hiya yo hallo hola bonjour salut ciao ola good morning afternoon evening day thanks thank you thx ok okay bye there anyone someone here please help'.split(
    ' ',
  ),
);

export function termsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(normalizeText(text))) if (!STOPWORDS.has(w)) out.add(stem(w));
  return out;
}

export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

/** A question worth looking at: three words or more, not only a greeting. */
export function isQuestion(text: string): boolean {
  const ws = words(normalizeText(text));
  if (ws.length < 3) return false;
  return ws.some((w) => !GREETINGS.has(w) && !STOPWORDS.has(w));
}

/** The item most similar to the others (the first on ties): a cluster's label. */
export function representative<T>(items: readonly T[], termsOfItem: (item: T) => ReadonlySet<string>): T | undefined {
  const terms = items.map(termsOfItem);
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < items.length; i++) {
    let score = 0;
    for (let j = 0; j < items.length; j++) if (i !== j) score += similarity(terms[i]!, terms[j]!);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return items[best];
}

/** The nearest candidate at SIMILAR or above, or null. */
export function nearest<T>(terms: ReadonlySet<string>, candidates: readonly T[], termsOfCandidate: (c: T) => ReadonlySet<string>): T | null {
  let best: T | null = null;
  let bestScore = SIMILAR;
  for (const c of candidates) {
    const s = similarity(terms, termsOfCandidate(c));
    if (s >= bestScore) {
      best = c;
      bestScore = s;
      if (s === 1) break;
    }
  }
  return best;
}

/** Greedy single pass: each item joins the nearest cluster (compared with the cluster's first item), else starts one. */
export function cluster<T>(items: readonly T[], textOf: (item: T) => string): T[][] {
  const clusters: { terms: Set<string>; items: T[] }[] = [];
  for (const item of items) {
    const terms = termsOf(textOf(item));
    if (terms.size === 0) continue;
    const into = nearest(terms, clusters, (c) => c.terms);
    if (into) into.items.push(item);
    else clusters.push({ terms, items: [item] });
  }
  return clusters.map((c) => c.items);
}
