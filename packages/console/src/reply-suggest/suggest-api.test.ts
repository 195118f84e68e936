import { describe, expect, it } from 'vitest';
import { articleHref, firstWords, usageAtSend } from './suggest-api';

describe('usageAtSend', () => {
  it('sent when the reply is the inserted suggestion, the others shown ignored', () => {
    expect(usageAtSend(['article:a', 'answer:b'], { id: 'article:a', text: 'Open Sign in.' }, ' Open Sign in. ')).toEqual([
      { suggestionId: 'article:a', action: 'sent' },
      { suggestionId: 'answer:b', action: 'ignored' },
    ]);
  });

  it('edited when the reply differs from what was inserted', () => {
    expect(usageAtSend(['article:a'], { id: 'article:a', text: 'Open Sign in.' }, 'Hi! Open Sign in.')).toEqual([
      { suggestionId: 'article:a', action: 'edited' },
    ]);
  });

  it('every suggestion shown is ignored when none was inserted', () => {
    expect(usageAtSend(['article:a', 'answer:b'], null, 'Something else').map((u) => u.action)).toEqual(['ignored', 'ignored']);
  });
});

describe('articleHref', () => {
  it('keeps http(s) addresses, resolves relative ones against the console, drops the rest', () => {
    expect(articleHref('https://help.shop.test/help/w/en/reset', 'http://localhost:3000')).toBe('https://help.shop.test/help/w/en/reset');
    expect(articleHref('/help/w/en/reset', 'http://localhost:3000')).toBe('http://localhost:3000/help/w/en/reset');
    expect(articleHref('javascript:alert(1)', 'http://localhost:3000')).toBeNull();
    expect(articleHref(undefined, 'http://localhost:3000')).toBeNull();
  });
});

it('firstWords shortens long text', () => {
  expect(firstWords('one two three', 2)).toBe('one two…');
});
