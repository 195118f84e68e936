/**
 * The XSS corpus: whatever an editor writes in an article's Markdown, nothing
 * executable comes out of the renderer (no script, no event handler, no
 * javascript:, vbscript: or data: address, no raw HTML), and the page layout
 * escapes titles, descriptions and slugs.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleRow } from './article.repository.js';
import { articleContent, layout } from './help-pages.js';
import { plainText, renderMarkdown } from './render-markdown.js';

const opts = { helpBase: '/help/W1' };
const render = (s: string) => renderMarkdown(s, opts);

const CORPUS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](java&#x09;script:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](javascript:alert(1))',
  '![x" onerror="alert(1)](https://example.com/a.png)',
  '[x](https://example.com/" onmouseover="alert(1))',
  '<details open ontoggle=alert(1)>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '```html\n<script>alert(1)</script>\n```',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '[x](//evil.example/steal)',
  '<object data="javascript:alert(1)"></object>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '[a]: javascript:alert(1)\n\n[link][a]',
];

const BAD_TAGS = ['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'form', 'details', 'div', 'button', 'base', 'frame', 'marquee'];

/** Everything in the output that could run: tags that are not on the list, handlers, and dangerous address schemes. */
function executable(html: string, allowTags: string[] = []): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<([a-z][a-z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/gi)) {
    const tag = (m[1] ?? '').toLowerCase();
    if (BAD_TAGS.includes(tag) && !allowTags.includes(tag)) found.push(`<${tag}>`);
    for (const a of (m[2] ?? '').matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      const name = (a[1] ?? '').toLowerCase();
      const value = (a[2] ?? a[3] ?? a[4] ?? '').replace(/&#x?[0-9a-f]+;?|\s/gi, '').toLowerCase();
      if (name.startsWith('on')) found.push(`${name} on <${tag}>`);
      if (name === 'style' && /url\(|expression/.test(value)) found.push(`style ${value}`);
      if (['href', 'src', 'action', 'formaction'].includes(name) && (/^(javascript|vbscript|data):/.test(value) || value.startsWith('//')))
        found.push(`${name}=${value}`);
    }
  }
  return found;
}

describe('renderMarkdown', () => {
  it.each(CORPUS)('renders %j with nothing executable', (input) => {
    expect(executable(render(input))).toEqual([]);
  });

  it('keeps the allowed formatting: headings, lists, code, quotes, tables, emphasis, rules, links and images', () => {
    const html = render(
      '# Title\n\n## Sub\n\nSome *em* and **strong**.\n\n- a\n- b\n\n1. one\n\n> quote\n\n`code`\n\n```js\nx<y\n```\n\n---\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n[site](https://example.com) ![pic](https://example.com/p.png)',
    );
    for (const tag of ['<h1>', '<h2>', '<em>', '<strong>', '<ul>', '<ol>', '<li>', '<blockquote>', '<code>', '<pre>', '<hr />', '<table>', '<th', '<td'])
      expect(html).toContain(tag);
    expect(html).toContain('x&lt;y');
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer">site</a>');
    expect(html).toContain('<img src="https://example.com/p.png" alt="pic" />');
  });

  it('shows raw HTML as text instead of passing it', () => {
    expect(render('<b>bold</b> <marquee>x</marquee>')).toBe('<p>&lt;b&gt;bold&lt;/b&gt; &lt;marquee&gt;x&lt;/marquee&gt;</p>\n');
  });

  it('turns article:<id> links into the help centre’s stable address, and leaves relative links alone without rel', () => {
    expect(render('[see](article:ABC123) and [help](/help/W1/en/start)')).toBe(
      '<p><a href="/help/W1/article/ABC123">see</a> and <a href="/help/W1/en/start">help</a></p>\n',
    );
  });

  it('keeps images on http(s) and relative addresses only', () => {
    expect(render('![x](data:image/png;base64,AAAA)')).toBe('<p><img alt="x" /></p>\n');
    expect(render('![x](ftp://example.com/a.png)')).toBe('<p><img alt="x" /></p>\n');
    expect(render('![x](/files/a.png)')).toBe('<p><img src="/files/a.png" alt="x" /></p>\n');
  });

  it('gives plain text for descriptions', () => {
    expect(plainText('# Start\n\nUse **bold** and `code` <b>x</b>')).toBe('Start Use bold and code <b>x</b>');
  });
});

describe('help centre pages', () => {
  const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
  const row = {
    id: 'A1',
    workspace_id: 'W1',
    category_id: null,
    locale: 'en',
    translation_group_id: 'A1',
    slug: 'x',
    title: evil,
    description: evil,
    body: '',
    state: 'published',
    version: 1,
    published_at: 1,
    created_by: 'o',
    created_at: 1,
    updated_at: 1,
  } satisfies ArticleRow;

  it('escapes titles, descriptions, addresses and locales everywhere', () => {
    const page = layout(
      {
        title: evil,
        description: evil,
        canonical: `https://h/${evil}`,
        lang: evil,
        home: '/help/W1',
        siteName: evil,
        alternates: [{ locale: evil, href: evil }],
      },
      articleContent('/help/W1', row, render(evil), undefined, [{ locale: evil, title: evil, href: evil }]),
    );
    expect(page).not.toContain('<script>');
    expect(page).not.toMatch(/<img[^>]*onerror/i);
    expect(executable(page, ['style'])).toEqual([]);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
