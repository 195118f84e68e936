import { describe, expect, it } from 'vitest';
import { insertAt, insertion } from './insert-api';

const a = { title: 'Refunds', url: 'https://chat.shop.test/help/w/en/refunds', excerpt: 'Within 30 days.' };

describe('what an article puts into the reply', () => {
  it('a link is "title: url"; an excerpt is the excerpt with the link under it', () => {
    expect(insertion(a, 'link')).toBe('Refunds: https://chat.shop.test/help/w/en/refunds');
    expect(insertion(a, 'excerpt')).toBe('Within 30 days.\nRefunds: https://chat.shop.test/help/w/en/refunds');
    expect(insertion({ ...a, excerpt: '  ' }, 'excerpt')).toBe('Refunds: https://chat.shop.test/help/w/en/refunds');
  });

  it('goes in at the caret, replacing a selection, on its own line mid-word, with the caret after it', () => {
    expect(insertAt('', 'X', 0, 0)).toEqual({ value: 'X', caret: 1 });
    expect(insertAt('Hi ', 'X', 3, 3)).toEqual({ value: 'Hi X', caret: 4 });
    expect(insertAt('Hi there', 'X', 2, 2)).toEqual({ value: 'Hi\nX there', caret: 4 });
    expect(insertAt('Hi there', 'X', 3, 8)).toEqual({ value: 'Hi X', caret: 4 });
    expect(insertAt('ab', 'X', 1, 1)).toEqual({ value: 'a\nX\nb', caret: 3 });
    expect(insertAt('ab', 'X', 99, 99)).toEqual({ value: 'ab\nX', caret: 4 });
  });
});
