/**
 * The XSS corpus (test/support/xss-corpus.ts) through the knowledge base on
 * the server: article Markdown, titles, descriptions, category names and
 * slugs, and help-centre searches. Nothing executable comes out of
 * renderMarkdown or the preview, nor of any help-centre page (home, category,
 * article, search, not found, sitemap); slugs that are not slugs are refused;
 * the console's article suggestions carry the text as data (JSON), never HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { executable, XSS_MARKDOWN, XSS_PAYLOADS, XSS_SLUGS, XSS_TITLE } from '../../../test/support/xss-corpus.js';
import { plainBlocks, renderMarkdown } from '../src/article/render-markdown.js';

let s: TestServer;
let token: string;
let ws: string;
const urls: string[] = [];

/** The page's own tags: its <meta>s, one <style>, one <body> and at most its search form (one form, input, button). */
const OWN_TAGS = { meta: 3, style: 1, body: 1, form: 1, input: 1, button: 1 };

/** A help page: only its own tags, and nothing else that runs. */
function expectSafePage(html: string, where: string) {
  expect(executable(html, Object.keys(OWN_TAGS)), where).toEqual([]);
  for (const [tag, most] of Object.entries(OWN_TAGS)) {
    expect(html.match(new RegExp(`<${tag}[\\s/>]`, 'gi'))?.length ?? 0, `<${tag}> on ${where}`).toBeLessThanOrEqual(most);
  }
  expect(html, where).not.toMatch(/<meta[^>]+http-equiv/i);
  expect(html, where).not.toMatch(/window\.__xss=\d+<\/script>/);
}

beforeAll(async () => {
  s = await startTestServer();
  token = await login(s.url);
  ws = (await s.app.ctx.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
  const category = await api<{ id: string; slug: string }>(s.url, '/api/v1/article-categories', {
    token,
    body: { name: XSS_TITLE.slice(0, 80), slug: 'xss', description: XSS_TITLE },
  });
  expect(category.status).toBe(201);
  const bodies = [XSS_MARKDOWN, ...XSS_PAYLOADS];
  for (const [i, body] of bodies.entries()) {
    const r = await api<{ id: string; url: string }>(s.url, '/api/v1/articles', {
      token,
      body: {
        title: i === 0 ? XSS_TITLE : `${XSS_PAYLOADS[i - 1]!.slice(0, 190)} ${i}`,
        slug: `xss-${i}`,
        description: XSS_TITLE,
        body,
        categoryId: category.body.id,
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await api(s.url, `/api/v1/articles/${r.body.id}/publish`, { token, body: {} })).status).toBe(200);
    urls.push(r.body.url);
  }
});
afterAll(async () => {
  await s.close();
});

describe('the XSS corpus through article Markdown', () => {
  it.each(XSS_PAYLOADS)('renderMarkdown(%j) holds nothing executable', (payload) => {
    expect(executable(renderMarkdown(payload, { helpBase: '/help/W1' }))).toEqual([]);
  });

  it('the whole corpus as one body, and the preview the console shows, hold nothing executable', async () => {
    expect(executable(renderMarkdown(XSS_MARKDOWN, { helpBase: '/help/W1' }))).toEqual([]);
    const preview = await api<{ html: string }>(s.url, '/api/v1/articles/preview', { token, body: { body: XSS_MARKDOWN } });
    expect(preview.status).toBe(200);
    expect(executable(preview.body.html)).toEqual([]);
  });

  it('plain text for the index and excerpts keeps the payloads as inert text', () => {
    const text = plainBlocks(XSS_MARKDOWN);
    expect(text).toContain('<img src=x onerror="window.__xss=1">');
  });
});

describe('the XSS corpus on the help centre', () => {
  it('home, category, every article and the sitemap hold nothing executable', async () => {
    for (const path of [`/help/${ws}`, `/help/${ws}/categories/xss`, `/help/${ws}/sitemap.xml`, ...urls]) {
      const res = await fetch(`${s.url}${path}`);
      expect(res.status, path).toBe(200);
      expectSafePage(await res.text(), path);
    }
  });

  it('a search for each payload shows it as text', async () => {
    for (const q of [...XSS_PAYLOADS, XSS_TITLE]) {
      const res = await fetch(`${s.url}/help/${ws}/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expectSafePage(await res.text(), `search ${q}`);
    }
  });

  it('slugs that are not slugs are refused, and asking for them gives a harmless not-found page', async () => {
    for (const slug of XSS_SLUGS) {
      const r = await api(s.url, '/api/v1/articles', { token, body: { title: 'Slug test', slug, body: 'x' } });
      expect(r.status, slug).toBe(400);
      const c = await api(s.url, '/api/v1/article-categories', { token, body: { name: 'Slug test', slug } });
      expect(c.status, slug).toBe(400);
      for (const path of [`/help/${ws}/en/${encodeURIComponent(slug)}`, `/help/${ws}/categories/${encodeURIComponent(slug)}`]) {
        const res = await fetch(`${s.url}${path}`);
        expect(res.status, path).toBe(404);
        expectSafePage(await res.text(), path);
      }
    }
  });
});

describe('the XSS corpus in the console’s article search', () => {
  it('comes back as JSON text, for the console to render as text', async () => {
    await s.app.ctx.articles.settled();
    const r = await fetch(`${s.url}/api/v1/articles/suggest?q=${encodeURIComponent('img src onerror xss')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await r.json()) as { items: { title: string; excerpt: string }[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.some((i) => i.title.includes('<img') || i.excerpt.includes('<img'))).toBe(true);
  });
});
