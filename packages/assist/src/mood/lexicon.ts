import { createRequire } from 'node:module';
import { normalizeText } from '../text/normalize.js';

const require = createRequire(import.meta.url);
/** AFINN-165 word valences (-5..5) and emoji valences, both shipped in the `sentiment` npm package. */
const AFINN = require('sentiment/languages/en/labels.json') as Record<string, number>;
const EMOJI = require('sentiment/build/emoji.json') as Record<string, number>;

/** Support-chat words AFINN lacks or undervalues (our own rules). */
const SUPPORT_TERMS: Record<string, number> = {
  delayed: -2,
  delay: -2,
  delays: -2,
  cancelled: -2,
  canceled: -2,
  cancellation: -1,
  late: -1,
  stuck: -2,
  stranded: -3,
  lost: -2,
  rude: -3,
  unacceptable: -3,
  ridiculous: -3,
  useless: -3,
  waiting: -1,
  refund: -1,
  broken: -2,
  worst: -3,
  never: -1,
  nobody: -1,
  hold: -1,
  again: -1,
  charged: -1,
  overcharged: -3,
  scam: -3,
  disappointed: -2,
  frustrated: -2,
  frustrating: -2,
  thanks: 2,
  thank: 2,
  thx: 2,
  appreciate: 2,
  awesome: 3,
  great: 3,
  love: 3,
  helpful: 2,
  resolved: 2,
  // Requests and politeness: in a support chat they ask for something, they do not praise it.
  help: 0,
  please: 0,
  like: 0,
  want: 0,
  hope: 0,
  ok: 0,
  okay: 0,
  yes: 0,
  sure: 0,
  kind: 0,
  pretty: 0,
  well: 0,
};

const EMOTICONS: [RegExp, number][] = [
  [/(?:^|\s)[:;=]-?[)\]dp](?=\s|$)/gi, 2],
  [/(?:^|\s)[:;=]-?[([/\\](?=\s|$)/g, -2],
  [/<3/g, 2],
];

const NEGATORS = new Set(['not', 'no', 'never', 'cannot', 'cant', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'wont', 'nothing', 'without', 'hardly']);
const INTENSIFIERS = new Set(['very', 'so', 'really', 'extremely', 'totally', 'absolutely', 'completely', 'super', 'too']);
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)*|\p{Extended_Pictographic}/gu;

/** Own entries first, then AFINN, then emoji; own lookups only, so "constructor" is just a word. */
function valenceOf(token: string): number {
  for (const table of [SUPPORT_TERMS, AFINN, EMOJI]) {
    if (Object.hasOwn(table, token)) return table[token]!;
  }
  return 0;
}

export interface LexiconReading {
  /** Sum of valences after negation and intensifiers. */
  score: number;
  positive: number;
  negative: number;
  tokens: number;
  exclamations: number;
  questions: number;
  shouting: number;
}

/** Reads a message's valence from the lexicons, flipping words within three tokens after a negator. */
export function readLexicon(text: string): LexiconReading {
  const normalized = normalizeText(text);
  const tokens = normalized.match(TOKEN) ?? [];
  let positive = 0;
  let negative = 0;
  let negatedUntil = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (NEGATORS.has(token)) {
      negatedUntil = i + 3;
      continue;
    }
    let valence = valenceOf(token);
    if (valence === 0) continue;
    if (i > 0 && INTENSIFIERS.has(tokens[i - 1]!)) valence *= 1.5;
    if (i <= negatedUntil) valence = -valence * 0.7;
    if (valence > 0) positive += valence;
    else negative -= valence;
  }
  for (const [pattern, valence] of EMOTICONS) {
    const count = text.match(pattern)?.length ?? 0;
    if (valence > 0) positive += count * valence;
    else negative -= count * valence;
  }
  const letters = text.replace(/[^A-Za-z]/g, '');
  const upper = letters.replace(/[^A-Z]/g, '').length;
  return {
    score: positive - negative,
    positive,
    negative,
    tokens: tokens.length,
    exclamations: (text.match(/!/g) ?? []).length,
    questions: (text.match(/\?/g) ?? []).length,
    shouting: letters.length >= 8 ? upper / letters.length : 0,
  };
}

/** A small dense feature block for learned mood models: the lexicon's reading, squashed to [-1, 1]. */
export function lexiconFeatures(text: string): Float32Array {
  const r = readLexicon(text);
  return Float32Array.from([
    Math.tanh(r.score / 4),
    Math.tanh(r.positive / 4),
    Math.tanh(r.negative / 4),
    Math.tanh(r.exclamations / 2),
    Math.tanh(r.questions / 2),
    r.shouting,
  ]);
}

export const LEXICON_FEATURE_COUNT = 6;
