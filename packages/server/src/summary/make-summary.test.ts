import { describe, expect, it } from 'vitest';
import { parseSections } from './make-summary.js';

describe('parseSections (a language model’s summary)', () => {
  it('reads "Problem:", "Done:" and "Pending:" sections, one paragraph each; "Nothing" pending is empty', () => {
    expect(parseSections('Problem: The parcel never arrived.\nDone: Tracking checked.\nThe courier was called.\nPending: Nothing.')).toEqual({
      problem: ['The parcel never arrived.'],
      done: ['Tracking checked. The courier was called.'],
      pending: [],
    });
  });

  it('reads Markdown headings and bullets', () => {
    expect(parseSections('## Problem\n- Charged twice for order 4521\n**Done:** Refunded the second charge\n### Pending\n- Refund to show in 5 days')).toEqual({
      problem: ['Charged twice for order 4521'],
      done: ['Refunded the second charge'],
      pending: ['Refund to show in 5 days'],
    });
  });

  it('keeps an answer without sections whole, as the problem; a line merely starting with a heading word is text', () => {
    expect(parseSections('The visitor was charged twice; the refund is done.')).toEqual({
      problem: ['The visitor was charged twice; the refund is done.'],
      done: [],
      pending: [],
    });
    expect(parseSections('Problem: login fails.\nDone everything they could.').problem).toEqual(['login fails. Done everything they could.']);
  });
});
