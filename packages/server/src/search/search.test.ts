import { describe, expect, it } from 'vitest';
import { articleSnippet, contactTerms, ftsMatch, highlight, markdownText, searchTerms, snippet, tsQuery } from './search.js';

describe('search terms', () => {
  it('keeps letters and digits only, lower-cased, once each, at most 8', () => {
    expect(searchTerms('"Refund" (NEAR order*) AND x:* \'; drop')).toEqual(['refund', 'near', 'order', 'and', 'x', 'drop']);
    expect(searchTerms('*** () "" :*')).toEqual([]);
    expect(searchTerms('a a A b c d e f g h i j')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(searchTerms('Zürich 東京')).toEqual(['zürich', '東京']);
    expect(contactTerms('Chén')).toEqual(['chen']);
  });

  it('quotes every term for FTS5 and PostgreSQL, as a prefix', () => {
    expect(ftsMatch(['near', 'order'])).toBe('"near"* "order"*');
    expect(tsQuery(['near', 'order'])).toBe("'near':* & 'order':*");
  });
});

describe('highlights', () => {
  it('marks the words a term begins, case-insensitively', () => {
    expect(highlight('Invoices and an INVOICE, not reinvoice', ['invoice'])).toEqual({
      text: 'Invoices and an INVOICE, not reinvoice',
      ranges: [
        [0, 8],
        [16, 23],
      ],
    });
  });

  it('cuts long text around the first match and moves the ranges with it', () => {
    const text = `${'a '.repeat(200)}needle${' b'.repeat(200)}`;
    const s = snippet(highlight(text, ['needle']), 60);
    expect(s.text.startsWith('…') && s.text.endsWith('…')).toBe(true);
    const [start, end] = s.ranges[0]!;
    expect(s.text.slice(start, end)).toBe('needle');
    expect(snippet(highlight('short needle', ['needle']))).toEqual({ text: 'short needle', ranges: [[6, 12]] });
  });
});

describe('article snippets', () => {
  it('reads Markdown as its plain words, and falls back to the description when only it matched', () => {
    expect(markdownText('# Title\n\n> quote\n- item **bold** `code` ![alt](x.png) [link](https://x.test) <b>x</b>')).toBe(
      'Title quote item bold code alt link x',
    );
    expect(articleSnippet('About refunds', 'Nothing here', ['refund'])).toEqual({ text: 'About refunds', ranges: [[6, 13]] });
    expect(articleSnippet('About refunds', 'A *refund* today', ['refund'])).toEqual({ text: 'A refund today', ranges: [[2, 8]] });
    expect(articleSnippet('Other', 'Body text', ['zzz'])).toEqual({ text: 'Body text', ranges: [] });
  });
});
