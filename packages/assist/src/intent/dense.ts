import { AssistError } from '../errors.js';

/**
 * A sentence encoder outside the engine. `encode` is synchronous: callers embed their texts
 * beforehand (batched, as encoders are fastest) and look them up.
 */
export interface DenseEncoder {
  /** Names the encoder; a saved model loads only with the same one. */
  name: string;
  dimension: number;
  encode(text: string): ArrayLike<number>;
}

/** An encoder's output appended to the intent features, scaled against the TF-IDF blocks (each L2-normalised). */
export interface DenseFeatures extends DenseEncoder {
  /**
   * 1 for unit-length embeddings (measured with Universal Sentence Encoder lite on banking77: 0.5 gains
   * less; at 2 the confidence calibration breaks and most answers fall below the threshold).
   */
  weight: number;
}

/** What a saved model keeps of its dense block: the encoder is passed again to load it. */
export interface DenseState {
  name: string;
  dimension: number;
  weight: number;
}

const MAX_DIMENSION = 4096;

export function checkDenseFeatures(dense: DenseFeatures): void {
  if (!dense || typeof dense.name !== 'string' || dense.name === '' || typeof dense.encode !== 'function') {
    throw new AssistError('INVALID_OPTION', 'dense features need a name and an encode function');
  }
  if (!(Number.isInteger(dense.dimension) && dense.dimension > 0 && dense.dimension <= MAX_DIMENSION)) {
    throw new AssistError('INVALID_OPTION', `dense features need a dimension between 1 and ${MAX_DIMENSION}`);
  }
  if (!(Number.isFinite(dense.weight) && dense.weight > 0)) throw new AssistError('INVALID_OPTION', 'dense features need a positive weight');
}

/** Writes the weighted encoding of `text` into `into` from `at`; refuses a wrong length or a non-finite value. */
export function writeDense(dense: DenseFeatures, text: string, into: Float32Array, at: number): void {
  const values = dense.encode(text);
  if (!values || values.length !== dense.dimension) {
    throw new AssistError('INVALID_OPTION', `the encoder "${dense.name}" gave ${values?.length ?? 0} values, expected ${dense.dimension}`);
  }
  for (let i = 0; i < dense.dimension; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) throw new AssistError('INVALID_OPTION', `the encoder "${dense.name}" gave a value that is not a number`);
    into[at + i] = value * dense.weight;
  }
}

/** The dense block of a saved model, bound to the encoder passed to load it. */
export function restoreDense(state: unknown, encoder: DenseEncoder | null): DenseFeatures | null {
  if (state === undefined || state === null) return null;
  const s = state as Partial<DenseState>;
  if (typeof s.name !== 'string' || !Number.isInteger(s.dimension) || !(Number.isFinite(s.weight) && s.weight! > 0)) {
    throw new AssistError('CORRUPT_MODEL', 'saved dense features are malformed');
  }
  if (!encoder || encoder.name !== s.name || encoder.dimension !== s.dimension) {
    throw new AssistError('INVALID_OPTION', `this model was trained with the sentence encoder "${s.name}"; pass it to load it`);
  }
  return { name: s.name, dimension: s.dimension!, weight: s.weight!, encode: (text) => encoder.encode(text) };
}
