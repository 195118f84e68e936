/** Per-slot scores for one query component, with the list of slots that got any. */
export class ScoreBuffer {
  scores: Float64Array;
  private touchedSlots: number[] = [];

  constructor(capacity: number) {
    this.scores = new Float64Array(Math.max(capacity, 16));
  }

  add(slot: number, value: number): void {
    if (slot >= this.scores.length) this.grow(slot + 1);
    if (this.scores[slot] === 0) this.touchedSlots.push(slot);
    this.scores[slot]! += value;
    // A score that cancels to exactly zero stays listed; harmless.
  }

  get touched(): readonly number[] {
    return this.touchedSlots;
  }

  reset(): void {
    for (const slot of this.touchedSlots) this.scores[slot] = 0;
    this.touchedSlots = [];
  }

  private grow(size: number): void {
    const grown = new Float64Array(Math.max(size, this.scores.length * 2));
    grown.set(this.scores);
    this.scores = grown;
  }
}
