/** A sparse vector: feature ids ascending, with their values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Builds a sparse vector from a feature -> weight map (ids need not be sorted). */
export function fromCounts(counts: Map<number, number>): SparseVector {
  const indices = Int32Array.from(counts.keys()).sort();
  const values = new Float32Array(indices.length);
  for (let i = 0; i < indices.length; i++) values[i] = counts.get(indices[i]!)!;
  return { indices, values };
}

export function norm(vector: SparseVector): number {
  let sum = 0;
  for (const v of vector.values) sum += v * v;
  return Math.sqrt(sum);
}

export function scaleInPlace(vector: SparseVector, factor: number): void {
  const values = vector.values;
  for (let i = 0; i < values.length; i++) values[i]! *= factor;
}

export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  const ai = a.indices;
  const bi = b.indices;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) sum += a.values[i++]! * b.values[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** Concatenates blocks whose id spaces are offset by the given amounts. */
export function concat(parts: { vector: SparseVector; offset: number; weight: number }[]): SparseVector {
  let length = 0;
  for (const part of parts) length += part.vector.indices.length;
  const indices = new Int32Array(length);
  const values = new Float32Array(length);
  let at = 0;
  for (const { vector, offset, weight } of parts) {
    for (let i = 0; i < vector.indices.length; i++) {
      indices[at] = vector.indices[i]! + offset;
      values[at++] = vector.values[i]! * weight;
    }
  }
  return { indices, values };
}
