/** Dense vectors stored row by row in one typed array, indexed by article slot. */
export class VectorTable {
  private rows = new Float32Array(0);
  private out = new Float64Array(0);

  constructor(private readonly dimension: number) {}

  set(slot: number, vector: Float32Array): void {
    const end = (slot + 1) * this.dimension;
    if (end > this.rows.length) {
      const grown = new Float32Array(Math.max(end, this.rows.length * 2));
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows.set(vector, slot * this.dimension);
  }

  clear(slot: number): void {
    if ((slot + 1) * this.dimension <= this.rows.length) this.rows.fill(0, slot * this.dimension, (slot + 1) * this.dimension);
  }

  /** Dot product of `query` with the first `count` rows (empty rows give zero). */
  dotAll(query: Float32Array, count: number): Float64Array {
    if (this.out.length < count) this.out = new Float64Array(Math.max(count, this.out.length * 2));
    const { rows, dimension, out } = this;
    const stored = Math.min(count, rows.length / dimension);
    for (let slot = 0; slot < stored; slot++) {
      let sum = 0;
      const base = slot * dimension;
      for (let i = 0; i < dimension; i++) sum += rows[base + i]! * query[i]!;
      out[slot] = sum;
    }
    out.fill(0, stored, count);
    return out;
  }
}
