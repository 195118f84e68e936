import { describe, expect, it } from 'vitest';
import { AssistError } from '../src/index.js';
import { parseWinkVectors, sifWeight } from '../src/text/wink-vectors.js';
import { embedText } from '../src/text/word-vectors.js';

const file = (body: string) => new TextEncoder().encode(body);

describe('parseWinkVectors', () => {
  const bytes = file(
    '{"precision":8,"l2NormIndex":3,"wordIndex":4,"size":3,"dimensions":3,"words":["the","card","say \\"hi\\""],' +
      '"vectors":{"the":[0.5,-0.25,1e-2,1.1,0],"card":[-1.5,2,0.125,2.5,1799],"say \\"hi\\"":[0,0,1,1,5]},"unkVector":[0,0,0,-1]}',
  );

  it('reads vectors, escaped words and frequency ranks from the packaged format', () => {
    const vectors = parseWinkVectors(bytes, 'tiny');
    expect(vectors.dimension).toBe(3);
    expect(Array.from(vectors.get('the')!)).toEqual([0.5, -0.25, Math.fround(0.01)]);
    expect(Array.from(vectors.get('card')!)).toEqual([-1.5, 2, 0.125]);
    expect(Array.from(vectors.get('say "hi"')!)).toEqual([0, 0, 1]);
    expect(vectors.get('missing')).toBeUndefined();
    expect(vectors.weight!('the')).toBeCloseTo(sifWeight(0));
    expect(vectors.weight!('card')).toBeGreaterThan(vectors.weight!('the'));
  });

  it('weighs frequent words down when embedding a text', () => {
    const vectors = parseWinkVectors(bytes, 'tiny');
    const embedded = embedText(vectors, 'the card');
    const card = embedText(vectors, 'card');
    expect(embedded[0]! / card[0]!).toBeGreaterThan(0.95);
  });

  it('refuses a damaged file with CORRUPT_MODEL', () => {
    for (const broken of ['{}', '{"size":2,"dimensions":3,"vectors":{"a":[1,2', '{"size":1,"dimensions":3,"vectors":{"a":[1,2]}}']) {
      expect(() => parseWinkVectors(file(broken), 'bad')).toThrowError(AssistError);
    }
  });
});
