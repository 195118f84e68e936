/**
 * The one place article Markdown becomes HTML: markdown-it with raw HTML off,
 * then sanitize-html with an explicit allow-list, so nothing that is not on
 * the list reaches a page (the preview in the console renders through here too).
 *
 * Links and images: only http(s), mailto (links) and relative addresses.
 * External links get rel="noopener noreferrer". A link to another article is
 * written `article:<id>`: it becomes `<base>/article/<id>`, a public address
 * that redirects to the article's current locale and slug, so it keeps working
 * when the slug changes.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
// markdown-it refuses unknown schemes by default; `article:` is ours and is rewritten below.
const defaultValidate = md.validateLink.bind(md);
md.validateLink = (url) => /^article:[A-Za-z0-9_-]+$/.test(url.trim()) || defaultValidate(url);

const ARTICLE_LINK = /^article:([A-Za-z0-9_-]+)$/;

export interface RenderOptions {
  /** The help centre's address for this workspace (`/help/<workspace id>`), for `article:` links. */
  helpBase: string;
}

function isExternal(href: string): boolean {
  return /^https?:\/\//i.test(href);
}

export function renderMarkdown(markdown: string, opts: RenderOptions): string {
  const raw = md.render(markdown);
  return sanitizeHtml(raw, {
    allowedTags: [
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'p',
      'br',
      'ul',
      'ol',
      'li',
      'code',
      'pre',
      'blockquote',
      'a',
      'img',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'em',
      'strong',
      'hr',
      's',
    ],
    allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], th: ['style'], td: ['style'], ol: ['start'], code: ['class'] },
    allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
    allowedClasses: { code: [/^language-[\w-]+$/] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ?? '';
        const article = ARTICLE_LINK.exec(href);
        if (article) return { tagName, attribs: { ...attribs, href: `${opts.helpBase}/article/${article[1]}` } };
        const { rel: _rel, ...rest } = attribs;
        return { tagName, attribs: isExternal(href) ? { ...rest, rel: 'noopener noreferrer' } : rest };
      },
    },
  });
}

/** Plain text of an article's Markdown, for meta descriptions and search excerpts. */
export function plainText(markdown: string): string {
  const words: string[] = [];
  for (const token of md.parse(markdown, {})) {
    if (token.type === 'inline') for (const c of token.children ?? []) if (c.type === 'text' || c.type === 'code_inline') words.push(c.content);
    if (token.type === 'fence' || token.type === 'code_block') words.push(token.content);
  }
  return words.join(' ').replace(/\s+/g, ' ').trim();
}

/** Plain text of an article's Markdown with a blank line between blocks (paragraphs, list items, headings, code). */
export function plainBlocks(markdown: string): string {
  const blocks: string[] = [];
  for (const token of md.parse(markdown, {})) {
    if (token.type === 'inline') {
      const text = (token.children ?? [])
        .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : ''))
        .join('')
        .trim();
      if (text) blocks.push(text);
    }
    if (token.type === 'fence' || token.type === 'code_block') blocks.push(token.content.trim());
  }
  return blocks.join('\n\n');
}
