import { describe, expect, it } from 'vitest';
import { NONE_LABEL } from './intent.js';
import { split } from './train-model.js';
import { tooLittle } from './training-data.js';

describe('split', () => {
  it('holds out every fifth example of each label, the same way every time', () => {
    const examples = [
      ...Array.from({ length: 10 }, (_, i) => ({ text: `a${i}`, label: 'a' })),
      ...Array.from({ length: 6 }, (_, i) => ({ text: `b${i}`, label: 'b' })),
      ...Array.from({ length: 5 }, (_, i) => ({ text: `n${i}`, label: NONE_LABEL })),
    ];
    const { train, heldOut } = split(examples);
    expect(heldOut.map((e) => e.text)).toEqual(['a4', 'a9', 'b4', 'n4']);
    expect(train).toHaveLength(examples.length - 4);
    expect(split(examples)).toEqual({ train, heldOut });
  });
});

describe('tooLittle', () => {
  const count = (name: string, examples: number) => ({ labelId: name, name, examples });
  it('lets two labels with enough conversations train', () => {
    expect(tooLittle({ examples: [], labels: [count('Billing', 5), count('Shipping', 7)], skipped: [count('Returns', 2)] })).toBeNull();
  });
  it('says what is missing, with the counts per label', () => {
    expect(tooLittle({ examples: [], labels: [count('Billing', 6)], skipped: [count('Returns', 2)] })).toBe(
      'Not enough labelled conversations to train: label at least 5 conversations with each of at least two labels (now Billing: 6, Returns: 2)',
    );
    expect(tooLittle({ examples: [], labels: [], skipped: [] })).toMatch(/\(none are labelled yet\)$/);
  });
});
