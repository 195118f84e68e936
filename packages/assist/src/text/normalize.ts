import { createRequire } from 'node:module';
import { AssistError } from '../errors.js';

const require = createRequire(import.meta.url);
const porter2 = require('wink-porter2-stemmer') as (word: string) => string;

/** Longest text the engine accepts; chat messages and questions are far shorter. */
export const MAX_TEXT_LENGTH = 20_000;

export function checkText(text: unknown, what = 'text'): string {
  if (typeof text !== 'string') {
    throw new AssistError('EMPTY_TEXT', `${what} must be a string`);
  }
  if (text.length > MAX_TEXT_LENGTH) {
    throw new AssistError('TEXT_TOO_LONG', `${what} is ${text.length} characters long; the limit is ${MAX_TEXT_LENGTH}`);
  }
  if (text.trim() === '') throw new AssistError('EMPTY_TEXT', `${what} is empty`);
  return text;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /[\u2018\u2019\u02bc`´]/g;

/** Lower case, accents folded, typographic apostrophes made plain. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, "'")
    .toLowerCase()
    .replace(/\bcan't\b/g, 'can not')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not');
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*|\p{Extended_Pictographic}/gu;

/** Words of an already normalised text, with possessive/contraction endings kept together. */
export function words(normalized: string): string[] {
  return normalized.match(WORD) ?? [];
}

const stemCache = new Map<string, string>();

/** Porter2 stem, memoised; numbers collapse to one token so amounts generalise. */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed !== undefined) return stemmed;
  if (/^\d+$/.test(word)) stemmed = word.length > 2 ? '<num>' : word;
  else stemmed = porter2(word.replace(/'s$/, ''));
  if (stemCache.size > 200_000) stemCache.clear();
  stemCache.set(word, stemmed);
  return stemmed;
}

export function stemmedWords(text: string): string[] {
  return words(normalizeText(text)).map(stem);
}
