/**
 * The public help centre's pages: plain server-rendered HTML, no script.
 * Every text is escaped here; the only HTML that passes is an article's body,
 * from render-markdown.ts (sanitised against its allow-list).
 */
import { escapeHtml as e } from '../web/html.js';
import type { ArticleRow, CategoryRow } from './article.repository.js';

export interface PageMeta {
  title: string;
  description: string;
  /** Absolute address of this page. */
  canonical: string;
  lang: string;
  /** Absolute addresses of the same article in other languages. */
  alternates?: { locale: string; href: string }[];
  /** The help centre's home, relative. */
  home: string;
  siteName: string;
}

const STYLE = `body{font:16px/1.6 system-ui,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#1d2430;color:#fff;padding:12px 24px}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:760px;margin:24px auto;padding:0 16px}a{color:#1a56c4}
form{display:flex;gap:8px;margin:16px 0}input[type=search]{flex:1;padding:8px;font:inherit;border:1px solid #6b7380;border-radius:6px}
button{padding:8px 14px;font:inherit;border-radius:6px;border:1px solid #1a56c4;background:#1a56c4;color:#fff}
article,section{background:#fff;border-radius:8px;padding:16px 24px;margin:16px 0;box-shadow:0 1px 3px rgb(0 0 0/.1)}
pre{background:#f0f2f5;padding:12px;overflow:auto}img{max-width:100%}table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:4px 8px}
.muted{color:#4b5565}`;

export function layout(meta: PageMeta, content: string): string {
  const alternates = (meta.alternates ?? []).map((a) => `<link rel="alternate" hreflang="${e(a.locale)}" href="${e(a.href)}">`).join('\n');
  return `<!doctype html>
<html lang="${e(meta.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(meta.title)} · ${e(meta.siteName)}</title>
${meta.description ? `<meta name="description" content="${e(meta.description)}">` : ''}
${meta.canonical ? `<link rel="canonical" href="${e(meta.canonical)}">` : ''}
${alternates}
<style>${STYLE}</style>
</head>
<body>
<header><a href="${e(meta.home)}">${e(meta.siteName)} help centre</a></header>
<main>
${content}
</main>
</body>
</html>`;
}

export function searchForm(home: string, q = ''): string {
  return `<form role="search" action="${e(home)}/search" method="get">
<label for="help-q" class="muted">Search the help centre</label>
<input type="search" id="help-q" name="q" value="${e(q)}">
<button type="submit">Search</button>
</form>`;
}

export function articleList(items: ArticleRow[], href: (a: ArticleRow) => string): string {
  if (items.length === 0) return '<p class="muted">No articles yet.</p>';
  return `<ul>${items.map((a) => `<li><a href="${e(href(a))}" hreflang="${e(a.locale)}">${e(a.title)}</a>${a.description ? ` <span class="muted">— ${e(a.description)}</span>` : ''}</li>`).join('')}</ul>`;
}

export function homeContent(home: string, groups: { category: CategoryRow | null; articles: ArticleRow[] }[], href: (a: ArticleRow) => string): string {
  const sections = groups
    .map(({ category, articles }) => {
      const id = `cat-${category?.id ?? 'none'}`;
      const heading = category ? `<a href="${e(home)}/categories/${e(category.slug)}">${e(category.name)}</a>` : 'Other articles';
      return `<section aria-labelledby="${e(id)}"><h2 id="${e(id)}">${heading}</h2>${category?.description ? `<p>${e(category.description)}</p>` : ''}${articleList(articles, href)}</section>`;
    })
    .join('\n');
  return `<h1>How can we help?</h1>\n${searchForm(home)}\n${sections || '<p class="muted">Nothing published yet.</p>'}`;
}

export function categoryContent(home: string, category: CategoryRow, articles: ArticleRow[], href: (a: ArticleRow) => string): string {
  return `<nav aria-label="Breadcrumb"><a href="${e(home)}">Help centre</a></nav>
<h1>${e(category.name)}</h1>${category.description ? `<p>${e(category.description)}</p>` : ''}
${articleList(articles, href)}`;
}

export function articleContent(
  home: string,
  a: ArticleRow,
  html: string,
  category: CategoryRow | undefined,
  translations: { locale: string; title: string; href: string }[],
): string {
  const crumbs = [`<a href="${e(home)}">Help centre</a>`, category ? `<a href="${e(home)}/categories/${e(category.slug)}">${e(category.name)}</a>` : '']
    .filter(Boolean)
    .join(' › ');
  const others = translations.length
    ? `<p class="muted">Also in: ${translations.map((t) => `<a href="${e(t.href)}" hreflang="${e(t.locale)}" lang="${e(t.locale)}">${e(t.title)} (${e(t.locale)})</a>`).join(', ')}</p>`
    : '';
  return `<nav aria-label="Breadcrumb">${crumbs}</nav>
<article>
<h1>${e(a.title)}</h1>
${a.description ? `<p class="muted">${e(a.description)}</p>` : ''}
${html}
</article>
${others}`;
}

export function searchContent(home: string, q: string, results: ArticleRow[], href: (a: ArticleRow) => string): string {
  return `<nav aria-label="Breadcrumb"><a href="${e(home)}">Help centre</a></nav>
<h1>Search</h1>
${searchForm(home, q)}
${q ? `<p role="status">${results.length} ${results.length === 1 ? 'article' : 'articles'} for “${e(q)}”</p>${articleList(results, href)}` : ''}`;
}

export function sitemap(urls: { loc: string; lastmod: number; alternates: { locale: string; href: string }[] }[]): string {
  const entries = urls
    .map(
      (u) =>
        `<url><loc>${e(u.loc)}</loc><lastmod>${new Date(u.lastmod).toISOString()}</lastmod>${u.alternates
          .map((a) => `<xhtml:link rel="alternate" hreflang="${e(a.locale)}" href="${e(a.href)}"/>`)
          .join('')}</url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${entries}
</urlset>`;
}
