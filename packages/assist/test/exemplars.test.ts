import { describe, expect, it } from 'vitest';
import { MAX_EXEMPLARS_PER_CLASS, pickExemplars } from '../src/intent/exemplars.js';

describe('pickExemplars', () => {
  it('keeps every example of small classes and spreads a bounded sample over large ones', () => {
    const labels = Int32Array.from([...Array(1000).fill(0), ...Array(10).fill(1)]);
    const picked = pickExemplars(labels, 2);
    const ofLarge = picked.filter((i) => labels[i] === 0);
    expect(ofLarge).toHaveLength(MAX_EXEMPLARS_PER_CLASS);
    expect(ofLarge[0]).toBe(0);
    expect(ofLarge.at(-1)).toBeGreaterThan(990);
    expect(picked.filter((i) => labels[i] === 1)).toHaveLength(10);
    expect(pickExemplars(labels, 2)).toEqual(picked);
  });
});
