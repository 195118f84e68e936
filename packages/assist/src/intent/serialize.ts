import { createHash } from 'node:crypto';
import { AssistError } from '../errors.js';
import type { WordVectors } from '../text/word-vectors.js';
import { dequantize, quantize } from '../linear/quantize.js';
import type { DenseEncoder } from './dense.js';
import { ExemplarSet } from './exemplars.js';
import { type FeaturizerState, IntentFeaturizer } from './featurizer.js';
import type { Platt } from './scope.js';
import type { IntentModelParts } from './model.js';

const FORMAT = 'switchboard.intent-model';
const VERSION = 1;

interface SavedBody {
  labels: string[];
  featurizer: FeaturizerState;
  classCount: number;
  dimension: number;
  /** Int8 weights, base64. */
  weights: string;
  /** Float32 scale per feature, base64. */
  scales: string;
  bias: number[];
  temperature: number;
  platt: Platt;
  exemplarTexts: string[];
  exemplarLabels: number[];
  threshold: number;
  outOfScopeLabel: string | null;
  trainedAt: string;
  exampleCount: number;
}

function toBase64(values: Float32Array | Int8Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function bytesFromBase64(text: unknown, byteLength: number): ArrayBuffer {
  const bytes = Buffer.from(typeof text === 'string' ? text : '', 'base64');
  if (bytes.length !== byteLength) throw new AssistError('CORRUPT_MODEL', 'saved weights have the wrong size');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

function checksum(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

export function encodeIntentModel(parts: IntentModelParts): string {
  const body: SavedBody = {
    labels: parts.labels,
    featurizer: parts.featurizer.toJSON(),
    classCount: parts.linear.classCount,
    dimension: parts.linear.dimension,
    ...(() => {
      const q = quantize(parts.linear);
      return { weights: toBase64(q.values), scales: toBase64(q.scales) };
    })(),
    bias: Array.from(parts.linear.bias),
    temperature: parts.temperature,
    platt: parts.platt,
    exemplarTexts: [...parts.exemplars.texts],
    exemplarLabels: Array.from(parts.exemplars.labels),
    threshold: parts.threshold,
    outOfScopeLabel: parts.outOfScopeLabel,
    trainedAt: parts.trainedAt,
    exampleCount: parts.exampleCount,
  };
  const json = JSON.stringify(body);
  return `{"format":"${FORMAT}","version":${VERSION},"sha256":"${checksum(json)}","body":${json}}`;
}

export function decodeIntentModel(saved: string, vectors: WordVectors | null, encoder: DenseEncoder | null = null): IntentModelParts {
  if (typeof saved !== 'string' || saved.length === 0) {
    throw new AssistError('CORRUPT_MODEL', 'saved intent model is empty');
  }
  const bodyAt = saved.indexOf(',"body":');
  let header: { format?: unknown; version?: unknown; sha256?: unknown };
  try {
    header = JSON.parse(`${saved.slice(0, bodyAt)}}`);
  } catch (cause) {
    throw new AssistError('CORRUPT_MODEL', 'saved intent model is not a Switchboard model', { cause });
  }
  if (bodyAt < 0 || header.format !== FORMAT) {
    throw new AssistError('CORRUPT_MODEL', 'saved intent model is not a Switchboard model');
  }
  if (header.version !== VERSION) {
    throw new AssistError('UNSUPPORTED_MODEL_VERSION', `intent model version ${String(header.version)} is not supported (expected ${VERSION})`);
  }
  const json = saved.slice(bodyAt + ',"body":'.length, -1);
  if (checksum(json) !== header.sha256) {
    throw new AssistError('CORRUPT_MODEL', 'saved intent model failed its checksum (truncated or edited)');
  }
  let body: SavedBody;
  try {
    body = JSON.parse(json) as SavedBody;
  } catch (cause) {
    throw new AssistError('CORRUPT_MODEL', 'saved intent model body is not valid JSON', { cause });
  }
  const { classCount, dimension } = body;
  if (!Array.isArray(body.labels) || body.labels.length !== classCount || body.bias?.length !== classCount) {
    throw new AssistError('CORRUPT_MODEL', 'saved intent model labels do not match its weights');
  }
  if (
    !(typeof body.temperature === 'number' && body.temperature > 0 && Number.isFinite(body.temperature)) ||
    !(typeof body.threshold === 'number' && body.threshold >= 0 && body.threshold <= 1) ||
    !(body.outOfScopeLabel === null || typeof body.outOfScopeLabel === 'string') ||
    !(Number.isInteger(body.exampleCount) && body.exampleCount >= 0) ||
    typeof body.trainedAt !== 'string' ||
    !body.labels.every((l) => typeof l === 'string') ||
    !body.bias.every((b) => typeof b === 'number' && Number.isFinite(b))
  ) {
    throw new AssistError('CORRUPT_MODEL', 'saved intent model settings are malformed');
  }
  const featurizer = IntentFeaturizer.fromJSON(body.featurizer, vectors, encoder);
  if (featurizer.dimension !== dimension) {
    throw new AssistError('CORRUPT_MODEL', 'saved intent model features do not match its weights');
  }
  const { exemplarTexts, exemplarLabels, platt } = body;
  if (
    !Array.isArray(exemplarTexts) ||
    !Array.isArray(exemplarLabels) ||
    exemplarTexts.length !== exemplarLabels.length ||
    exemplarTexts.some((t) => typeof t !== 'string') ||
    exemplarLabels.some((l) => !(Number.isInteger(l) && l >= 0 && l < classCount)) ||
    !platt ||
    !Number.isFinite(platt.a) ||
    !Number.isFinite(platt.b)
  ) {
    throw new AssistError('CORRUPT_MODEL', 'saved intent model examples or calibration are malformed');
  }
  return {
    labels: body.labels,
    featurizer,
    platt,
    exemplars: new ExemplarSet(exemplarTexts, Int32Array.from(exemplarLabels), classCount, featurizer),
    linear: {
      classCount,
      dimension,
      weights: dequantize(
        {
          values: new Int8Array(bytesFromBase64(body.weights, classCount * dimension)),
          scales: new Float32Array(bytesFromBase64(body.scales, dimension * 4)),
        },
        classCount,
      ),
      bias: Float32Array.from(body.bias),
    },
    temperature: body.temperature,
    threshold: body.threshold,
    outOfScopeLabel: body.outOfScopeLabel,
    trainedAt: body.trainedAt,
    exampleCount: body.exampleCount,
  };
}

/**
 * The sentence encoder a saved model was trained with, and the kept examples it must embed to load
 * (null for a model without one, or one that does not parse: loading then says what is wrong).
 */
export function readSavedEncoder(saved: string): { name: string; exemplarTexts: string[] } | null {
  try {
    const body = (JSON.parse(saved) as { body?: SavedBody }).body;
    const dense = (body?.featurizer as { dense?: { name?: unknown } } | undefined)?.dense;
    if (!body || typeof dense?.name !== 'string') return null;
    return { name: dense.name, exemplarTexts: Array.isArray(body.exemplarTexts) ? body.exemplarTexts.filter((t) => typeof t === 'string') : [] };
  } catch {
    return null;
  }
}
