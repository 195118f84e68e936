import { normalizeText, stem, words } from './normalize.js';

/** Stemmed word n-grams ("refund", "card arriv"), so morphology does not split evidence. */
export function wordTerms(text: string, maxN: number): string[] {
  const stems = words(normalizeText(text)).map(stem);
  const terms: string[] = [...stems];
  for (let n = 2; n <= maxN; n++) {
    for (let i = 0; i + n <= stems.length; i++) terms.push(stems.slice(i, i + n).join(' '));
  }
  return terms;
}

/**
 * Character n-grams inside word boundaries (" car", "card", "ard "): they carry typos,
 * compounds and unseen inflections that whole words miss.
 */
export function charTerms(text: string, minN: number, maxN: number): string[] {
  const terms: string[] = [];
  for (const word of words(normalizeText(text))) {
    const padded = ` ${word} `;
    for (let n = minN; n <= maxN; n++) {
      if (n > padded.length) break;
      for (let i = 0; i + n <= padded.length; i++) terms.push(padded.slice(i, i + n));
    }
  }
  return terms;
}
