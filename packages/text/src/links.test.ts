import { describe, expect, it } from 'vitest';
import { linkify } from './links';

describe('linkify', () => {
  it('keeps plain text as one piece', () => {
    expect(linkify('hello there')).toEqual([{ kind: 'text', text: 'hello there' }]);
    expect(linkify('')).toEqual([]);
  });

  it('finds http and https links and leaves the sentence punctuation outside', () => {
    expect(linkify('See https://shop.example.com/tents?id=2. Or http://a.io, thanks!')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://shop.example.com/tents?id=2', href: 'https://shop.example.com/tents?id=2' },
      { kind: 'text', text: '. Or ' },
      { kind: 'link', text: 'http://a.io', href: 'http://a.io/' },
      { kind: 'text', text: ', thanks!' },
    ]);
  });

  it('keeps balanced parentheses and drops a closing one that belongs to the sentence', () => {
    expect(linkify('(https://en.wikipedia.org/wiki/Tent_(camping))')[1]).toMatchObject({
      kind: 'link',
      text: 'https://en.wikipedia.org/wiki/Tent_(camping)',
    });
    expect(linkify('(see https://a.io/x)')).toEqual([
      { kind: 'text', text: '(see ' },
      { kind: 'link', text: 'https://a.io/x', href: 'https://a.io/x' },
      { kind: 'text', text: ')' },
    ]);
  });

  it('never links other schemes or markup', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', '<img src=x onerror=alert(1)>', 'ftp://a.io']) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('stops a link at quotes and angle brackets', () => {
    const pieces = linkify('<a href="https://evil.io/x">click</a>');
    expect(pieces.filter((p) => p.kind === 'link')).toEqual([{ kind: 'link', text: 'https://evil.io/x', href: 'https://evil.io/x' }]);
    expect(pieces.map((p) => p.text).join('')).toBe('<a href="https://evil.io/x">click</a>');
  });

  it('does not link a bare scheme', () => {
    expect(linkify('https:// nothing')).toEqual([{ kind: 'text', text: 'https:// nothing' }]);
  });
});
