import { AssistError } from '../errors.js';
import type { WordVectors } from './word-vectors.js';

/** Harmonic number of the vocabulary: Zipf's law puts p(word) near 1 / (rank * H). */
const ZIPF_NORM = 13.5;
const SIF_A = 1e-3;

/** Smooth inverse frequency weight of the word at a frequency rank (0 = most frequent). */
export function sifWeight(rank: number): number {
  const p = 1 / ((rank + 1) * ZIPF_NORM);
  return SIF_A / (SIF_A + p);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * Reads the wink embeddings file format (`{"dimensions": d, "size": n, "vectors": {"word":
 * [v1..vd, l2norm, rank], ...}}`) straight from its bytes into one Float32Array. Parsing the
 * 300 MB file with JSON.parse would hold over a gigabyte; this holds the bytes and the table.
 */
export function parseWinkVectors(bytes: Uint8Array, name: string): WordVectors {
  const steps = parseSteps(bytes, name);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, a few milliseconds at a time: a server reading the vectors while it serves chats
 * hands the event loop back between slices (the whole file is a few seconds of CPU).
 */
export async function parseWinkVectorsAsync(bytes: Uint8Array, name: string): Promise<WordVectors> {
  const steps = parseSteps(bytes, name);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Rows parsed between two yields (about 5 ms). */
const ROWS_PER_STEP = 2_000;

function* parseSteps(bytes: Uint8Array, name: string): Generator<void, WordVectors, void> {
  const text = (from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8');
  const header = text(0, Math.min(bytes.length, 200));
  const dimension = Number(/"dimensions":\s*(\d+)/.exec(header)?.[1]);
  const size = Number(/"size":\s*(\d+)/.exec(header)?.[1]);
  const fail = (why: string): never => {
    throw new AssistError('CORRUPT_MODEL', `word vectors ${name}: ${why}`);
  };
  if (!(dimension > 0) || !(size > 0)) fail('missing "dimensions" or "size"');
  const start = indexOf(bytes, '"vectors":{');
  if (start < 0) fail('missing "vectors"');
  const table = new Float32Array(size * dimension);
  const ranks = new Int32Array(size);
  const rows = new Map<string, number>();
  let at = start + '"vectors":{'.length;
  const skipSpace = () => {
    while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x09)) at++;
  };
  const number = (): number => {
    const begin = at;
    while (at < bytes.length && bytes[at] !== COMMA && bytes[at] !== CLOSE_BRACKET) at++;
    let value = 0;
    let sign = 1;
    let i = begin;
    if (bytes[i] === 0x2d) {
      sign = -1;
      i++;
    }
    for (; i < at && bytes[i]! >= 0x30 && bytes[i]! <= 0x39; i++) value = value * 10 + bytes[i]! - 0x30;
    if (i < at && bytes[i] === 0x2e) {
      let scale = 0.1;
      for (i++; i < at && bytes[i]! >= 0x30 && bytes[i]! <= 0x39; i++, scale /= 10) value += (bytes[i]! - 0x30) * scale;
    }
    // Exponents and anything unusual go the slow, exact way.
    if (i < at) return Number(text(begin, at));
    return sign * value;
  };
  while (rows.size < size) {
    skipSpace();
    if (bytes[at] === COMMA) at++;
    skipSpace();
    if (bytes[at] === CLOSE_BRACE) break;
    if (bytes[at] !== QUOTE) fail(`unexpected byte at ${at}`);
    const keyStart = ++at;
    let escaped = false;
    while (at < bytes.length && bytes[at] !== QUOTE) {
      if (bytes[at] === BACKSLASH) {
        escaped = true;
        at++;
      }
      at++;
    }
    const raw = text(keyStart, at);
    const word = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
    at++;
    skipSpace();
    if (bytes[at] !== COLON) fail(`expected ':' at ${at}`);
    at++;
    skipSpace();
    if (bytes[at] !== OPEN_BRACKET) fail(`expected '[' at ${at}`);
    at++;
    const row = rows.size;
    const base = row * dimension;
    let k = 0;
    while (bytes[at] !== CLOSE_BRACKET) {
      skipSpace();
      const value = number();
      if (k < dimension) table[base + k] = value;
      else if (k === dimension + 1) ranks[row] = value;
      k++;
      if (bytes[at] === COMMA) at++;
      if (at >= bytes.length) fail('file ends inside a vector');
    }
    at++;
    if (k < dimension) fail(`vector of "${word}" has ${k} values`);
    rows.set(word, row);
    if (rows.size % ROWS_PER_STEP === 0) yield;
  }
  return lookup(name, dimension, rows, table, ranks);
}

/**
 * The vectors' lookups, made outside the parser: closures share their function's scope, so
 * lookups made inside it would keep the file's bytes (300 MB) alive with the table.
 */
function lookup(name: string, dimension: number, rows: Map<string, number>, table: Float32Array, ranks: Int32Array): WordVectors {
  return {
    name,
    dimension,
    get: (word) => {
      const row = rows.get(word);
      return row === undefined ? undefined : table.subarray(row * dimension, (row + 1) * dimension);
    },
    weight: (word) => {
      const row = rows.get(word);
      return sifWeight(row === undefined ? 1e6 : ranks[row]!);
    },
  };
}

function indexOf(bytes: Uint8Array, needle: string): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(needle);
}
