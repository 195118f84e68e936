/**
 * The FAQ → article mapping of `eval retrieval --through-product`: an answer
 * written as an article paragraph reads back (plainBlocks, what the product
 * indexes) as the very text it was, Markdown-looking characters included.
 */
import { describe, expect, it } from 'vitest';
import { articleInputOf, escapeMarkdown } from '../src/article-assist/retrieval-eval.js';
import { plainBlocks } from '../src/article/render-markdown.js';

const samples = [
  'Use ~~tildes around the words~~.',
  'I just used the following syntax  <del> ... </del>   successfully on GitHub.',
  '# not a heading, * not a list, 1. not a list either',
  'Go here: http://www.facebook.com/help/delete_account  Click "Submit" and [follow](the) instructions_with_underscores.',
  '`code` and **bold** and a \\ backslash & an &amp; entity',
  '    four spaces are not code',
];

describe('FAQ answers as article paragraphs', () => {
  it('read back as the same text', () => {
    for (const s of samples) expect(plainBlocks(escapeMarkdown(s))).toBe(s.trim());
  });

  it('each answer is one paragraph; line breaks inside an answer become spaces', () => {
    const input = articleInputOf({ id: 'x', title: 'A question?', answers: ['First\nline', '', 'Second'] }, 'a-0');
    expect(input).toMatchObject({ title: 'A question?', slug: 'a-0', description: '', locale: 'en' });
    expect(plainBlocks(input.body).split('\n\n')).toEqual(['First line', 'Second']);
  });
});
