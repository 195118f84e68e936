/** Sentences of chat messages, their terms, and what kind of sentence they are (greeting, question, promise). */
import { normalizeText, stem, words } from '../text/normalize.js';
import { STOPWORDS } from '../text/stopwords.js';
import type { SummaryAuthor } from './types.js';

export interface Sentence {
  seq: number;
  /** Order in the conversation (message, then sentence within it). */
  index: number;
  author: SummaryAuthor;
  text: string;
  /** Distinct content stems. */
  terms: string[];
  question: boolean;
  /** "I'll check", "we will send you…": something still to be done. */
  promise: boolean;
  /** "I have refunded…": something done, said by who did it. */
  did: boolean;
}

/** A sentence with what the summarizer needs of it, its text normalised once. */
export function sentenceOf(seq: number, index: number, author: SummaryAuthor, text: string): Sentence {
  const norm = normalizeText(text);
  return { seq, index, author, text, terms: termsOf(norm), question: isQuestion(text), promise: PROMISE.test(norm), did: DONE.test(norm) };
}

/** Longest sentence kept as is; longer ones are cut at a word with an ellipsis. */
const MAX_SENTENCE = 280;

const SPLIT = /(?<=[.!?…])\s+(?=[\p{Lu}\p{N}"'(¿¡])|\n+/u;

export function splitSentences(text: string): string[] {
  return text
    .replace(/\r/g, '')
    .split(SPLIT)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0)
    .map(clip);
}

function clip(s: string): string {
  if (s.length <= MAX_SENTENCE) return s;
  const cut = s.slice(0, MAX_SENTENCE);
  const at = cut.lastIndexOf(' ');
  return `${cut.slice(0, at > MAX_SENTENCE / 2 ? at : MAX_SENTENCE)}…`;
}

export function contentTerms(text: string): string[] {
  return termsOf(normalizeText(text));
}

function termsOf(normalized: string): string[] {
  const out = new Set<string>();
  for (const w of words(normalized)) {
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    out.add(stem(w));
  }
  return [...out];
}

/** Small talk: a greeting, thanks, a goodbye or a bare acknowledgement, with nothing else in it. */
const SMALL_TALK =
  /^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening|day)|thanks?|thank you(?: (?:so|very) much)?|thx|ty|cheers|bye|goodbye|ok(?:ay)?|great|perfect|cool|awesome|sure|no problem|you'?re welcome|you are welcome|welcome|have a (?:nice|good|great) (?:day|one|evening)|anything else\??|is there anything else(?: i can help (?:you )?with)?|how can i help(?: you)?(?: today)?|how may i help(?: you)?|one moment|just a moment|let me see)\b[\s,!.?:)(-]*/i;

export function isSmallTalk(text: string): boolean {
  let rest = text.trim();
  // Strip leading small-talk phrases and names after them ("Hi Ann, thanks!").
  for (let i = 0; i < 4; i++) {
    const m = SMALL_TALK.exec(rest);
    if (!m) break;
    rest = rest.slice(m[0].length).trim();
  }
  return contentTerms(rest).length < 2;
}

const QUESTION_START = /^(?:who|what|when|where|why|how|which|can|could|would|will|is|are|do|does|did|should|may|have|has)\b/i;

export function isQuestion(text: string): boolean {
  const t = text.trim();
  return t.endsWith('?') || (QUESTION_START.test(t) && t.split(/\s+/).length >= 4 && !/[.!]$/.test(t));
}

/** A promise of something still to be done ("I'll check", "we will send you", "let me look into it"). */
const PROMISE =
  /\b(?:i'?ll|i will|we'?ll|we will|i am going to|i'm going to|we are going to|we're going to|let me (?:check|look|find|ask|see|get)|will (?:get back|follow up|send|email|call|contact|update|let you know)|i'?ll get back|as soon as (?:i|we) (?:can|have|hear))\b/i;

/** Things done, said by the one who did them ("I've refunded", "I have sent", "we reset"). */
const DONE =
  /\b(?:i'?ve|i have|we'?ve|we have|i just|has been|have been|is now|are now)\b|\b(?:refunded|sent|reset|updated|changed|cancel(?:l)?ed|created|fixed|resolved|added|removed|issued|credited|reactivated|unlocked|enabled|disabled|transferred|escalated|shipped|replaced|verified|confirmed)\b/i;
