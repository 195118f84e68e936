import { describe, expect, it } from 'vitest';
import { type Inline, parseMessage, plainText, previewText } from './format.js';
import { messageHtml } from './html.js';
import { XSS } from './xss-corpus.js';

const p = (...c: Inline[]) => ({ t: 'p', c });
const text = (v: string): Inline => ({ t: 'text', v });

describe('basic formatting', () => {
  it('keeps plain text as one paragraph, with its line breaks', () => {
    expect(parseMessage('Hello\nthere')).toEqual([p(text('Hello'), { t: 'br' }, text('there'))]);
    expect(parseMessage('one\n\ntwo')).toEqual([p(text('one')), p(text('two'))]);
    expect(parseMessage('')).toEqual([]);
  });

  it('reads bold, italic and code', () => {
    expect(messageHtml('**Free** shipping, *today* only: use `TENT10`')).toBe(
      '<p><strong>Free</strong> shipping, <em>today</em> only: use <code>TENT10</code></p>',
    );
    expect(messageHtml('**bold with *italic* inside**')).toBe('<p><strong>bold with <em>italic</em> inside</strong></p>');
    expect(messageHtml('`**not bold**`')).toBe('<p><code>**not bold**</code></p>');
  });

  it('leaves stars that format nothing as they are', () => {
    expect(messageHtml('2 * 3 * 4 = 24')).toBe('<p>2 * 3 * 4 = 24</p>');
    expect(messageHtml('a ** b')).toBe('<p>a ** b</p>');
    expect(messageHtml('*unclosed')).toBe('<p>*unclosed</p>');
    expect(messageHtml('**across\nlines**')).toBe('<p>**across<br>lines**</p>');
    expect(messageHtml('\\*literal\\*')).toBe('<p>*literal*</p>');
  });

  it('makes bulleted and numbered lists', () => {
    expect(messageHtml('Steps:\n1. Open the box\n2. Pitch the tent\n\n- poles\n* pegs')).toBe(
      '<p>Steps:</p><ol><li>Open the box</li><li>Pitch the tent</li></ol><ul><li>poles</li><li>pegs</li></ul>',
    );
    expect(messageHtml('3. third\n4. fourth')).toBe('<ol start="3"><li>third</li><li>fourth</li></ol>');
    expect(messageHtml('- **bold** item\n  continued\nafter')).toBe('<ul><li><strong>bold</strong> item<br>continued</li></ul><p>after</p>');
  });

  it('links bare http(s) addresses and [labels](https://…)', () => {
    expect(messageHtml('See https://shop.example.com/tent.')).toBe(
      '<p>See <a href="https://shop.example.com/tent" target="_blank" rel="noopener noreferrer nofollow">https://shop.example.com/tent</a>.</p>',
    );
    expect(messageHtml('[our **returns** page](https://shop.example.com/returns)')).toBe(
      '<p><a href="https://shop.example.com/returns" target="_blank" rel="noopener noreferrer nofollow">our <strong>returns</strong> page</a></p>',
    );
    // No link inside a link's label.
    expect(messageHtml('[https://a.io](https://b.io)')).toBe(
      '<p><a href="https://b.io/" target="_blank" rel="noopener noreferrer nofollow">https://a.io</a></p>',
    );
  });

  it('gives a preview without the marks', () => {
    expect(plainText(parseMessage('**Hi** there,\n- *one*\n- `two`'))).toBe('Hi there, one, two');
    for (const text of [
      '**Hi** there,\n- *one*\n- `two`',
      'plain  text,\tno marks',
      '1. first\n2. second',
      'a [link](https://a.io) and https://b.io',
      '- item',
      'x \\* y',
    ]) {
      expect(previewText(text)).toBe(plainText(parseMessage(text)));
    }
  });
});

describe('never raw HTML', () => {
  it.each(XSS.map((input) => [input.length > 60 ? `${input.slice(0, 57)}…` : input, input]))('%s', (_label, input) => {
    const html = messageHtml(input);
    // Only the renderer's own tags appear; every < and > of the input is escaped.
    const tags = [...html.matchAll(/<\/?([a-z0-9]+)(\s[^>]*)?>/gi)].map((m) => m[1]);
    expect(tags.every((t) => ['p', 'br', 'strong', 'em', 'code', 'a', 'ul', 'ol', 'li'].includes(t as string))).toBe(true);
    // Every link points to an absolute http(s) address, with no quote that could end the attribute.
    for (const m of html.matchAll(/<a ([^>]*)>/g)) {
      expect(m[1]).toMatch(/^href="https?:\/\/[^"<>]*" target="_blank" rel="noopener noreferrer nofollow"$/);
    }
    expect(html).not.toMatch(/href="(?!https?:\/\/)/i);
    // Stripping the renderer's tags and unescaping gives back the text that was shown.
    const shown = html
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    // Markup in the input is shown as the text it is.
    for (const tag of input.match(/<[a-z]+/gi) ?? []) expect(shown).toContain(tag);
    expect(html).not.toMatch(/<(script|img|svg|iframe|b|i|u)[\s>/]/i);
  });
});

describe('names shown to others', () => {
  it('lose bidirectional overrides, zero-width and control characters', async () => {
    const { cleanName } = await import('./format.js');
    expect(cleanName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanName('a\u200Bd\u2066m\u2069i\u200Fn\uFEFF')).toBe('admin');
    expect(cleanName(' Ana\n\tLima\u0000 ')).toBe('Ana Lima');
    expect(cleanName('Zoë Müller 日本')).toBe('Zoë Müller 日本');
  });
});
