/**
 * The knowledge base on every storage backend: categories and articles, a
 * version for every change of title or body, diff and restore, old slugs that
 * keep naming their article, translations, who may write, and one workspace
 * never seeing another's. Then the public help centre over HTTP: only what is
 * published, titles, canonical and language alternates, the sitemap, old
 * slugs and `article:` links redirecting, search, and escaped titles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { diffVersions, listVersions, restoreVersion } from '../src/article/article-versions.js';
import { findArticleByOldSlug, searchPublished } from '../src/article/article.repository.js';
import { createArticle, deleteArticle, getArticle, listArticles, setArticleState, updateArticle } from '../src/article/article.service.js';
import { createCategory, deleteCategory, listCategories, updateCategory } from '../src/article/category.service.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import type { Operator } from '../src/operator/operator.js';
import { createOperator } from '../src/operator/operator.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

const article = (over: Record<string, unknown> = {}) => ({
  title: 'Reset your password',
  slug: 'reset-password',
  description: 'Get back into your account',
  body: 'Open **Settings**.\nChoose Reset.\n',
  locale: 'en',
  categoryId: null,
  translationOf: null,
  ...over,
});

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('the knowledge base on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;
  let other: NewWorkspace;
  let sue: Operator;
  let olga: Operator;
  const changes: string[] = [];

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-kb-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath, clock));
    ctx.events.on('article.changed', (e) => {
      changes.push(`${e.change} ${e.state}`);
    });
    ws = await createWorkspace(ctx, { name: 'K', ownerEmail: `k-${tag}@x.test`, ownerName: 'Kim', ownerPassword: 'password-k', inboxName: 'Web' });
    other = await createWorkspace(ctx, { name: 'L', ownerEmail: `l-${tag}@x.test`, ownerName: 'Lee', ownerPassword: 'password-l', inboxName: 'Web' });
    const pw = 'lantern-orchard-basalt';
    sue = (await createOperator(ctx, ws.owner, { email: `sue-${tag}@x.test`, name: 'Sue', role: 'supervisor', password: pw })).operator;
    olga = (await createOperator(ctx, ws.owner, { email: `olga-${tag}@x.test`, name: 'Olga', role: 'operator', password: pw })).operator;
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps categories in order with unique slugs, and deleting one keeps its articles', async () => {
    const a = await createCategory(ctx, sue, { name: 'Account', slug: 'account', description: 'Sign-in and billing' });
    const b = await createCategory(ctx, sue, { name: 'Shipping', slug: 'shipping', description: '' });
    expect([a.position, b.position]).toEqual([0, 1]);
    await expect(createCategory(ctx, sue, { name: 'Dup', slug: 'account', description: '' })).rejects.toMatchObject({ code: 'conflict' });
    await updateCategory(ctx, sue, b.id, { position: 0, name: 'Delivery' });
    await updateCategory(ctx, sue, a.id, { position: 1 });
    expect((await listCategories(ctx, olga)).map((c) => c.name)).toEqual(['Delivery', 'Account']);
    const inB = await createArticle(ctx, sue, article({ slug: 'track-parcel', title: 'Track a parcel', categoryId: b.id }));
    await deleteCategory(ctx, sue, b.id);
    expect((await getArticle(ctx, olga, inB.id)).categoryId).toBeNull();
    await expect(createArticle(ctx, sue, article({ slug: 'x', categoryId: b.id }))).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('versions every change of title or body, with its author and time, shows the difference and restores', async () => {
    const a = await createArticle(ctx, sue, article());
    expect(a).toMatchObject({ state: 'draft', version: 1, url: `/help/${ws.workspaceId}/en/reset-password` });
    clock.advance(60_000);
    await updateArticle(ctx, ws.owner, a.id, { body: 'Open **Settings**.\nChoose Reset password.\n' });
    clock.advance(60_000);
    await updateArticle(ctx, sue, a.id, { title: 'Reset a forgotten password' });
    // A change of description only is saved without a new version.
    const same = await updateArticle(ctx, sue, a.id, { description: 'Back in two minutes' });
    expect(same.version).toBe(3);
    const versions = await listVersions(ctx, olga, a.id);
    expect(versions.map((v) => [v.number, v.authorName, v.createdAt])).toEqual([
      [3, 'Sue', clock.now()],
      [2, 'Kim', clock.now() - 60_000],
      [1, 'Sue', clock.now() - 120_000],
    ]);
    const diff = await diffVersions(ctx, olga, a.id, 1, 3);
    expect(diff.body).toEqual([
      { kind: 'same', text: 'Open **Settings**.\n' },
      { kind: 'removed', text: 'Choose Reset.\n' },
      { kind: 'added', text: 'Choose Reset password.\n' },
    ]);
    const text = (kind: string) =>
      diff.title
        .filter((p) => p.kind !== kind)
        .map((p) => p.text)
        .join('');
    expect([text('added'), text('removed')]).toEqual(['Reset your password', 'Reset a forgotten password']);
    expect(diff.title.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['your']);
    const restored = await restoreVersion(ctx, sue, a.id, 1);
    expect(restored).toMatchObject({
      version: 4,
      title: 'Reset your password',
      body: 'Open **Settings**.\nChoose Reset.\n',
      description: 'Back in two minutes',
    });
    expect((await listVersions(ctx, olga, a.id)).map((v) => v.number)).toEqual([4, 3, 2, 1]);
    await expect(diffVersions(ctx, olga, a.id, 1, 9)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps an old slug naming its article, and frees it for the article itself again', async () => {
    const a = await createArticle(ctx, sue, article({ slug: 'returns' }));
    await updateArticle(ctx, sue, a.id, { slug: 'return-an-order' });
    expect((await findArticleByOldSlug(ctx.db, ws.workspaceId, 'en', 'returns'))?.id).toBe(a.id);
    await updateArticle(ctx, sue, a.id, { slug: 'send-it-back' });
    expect((await findArticleByOldSlug(ctx.db, ws.workspaceId, 'en', 'return-an-order'))?.id).toBe(a.id);
    expect((await findArticleByOldSlug(ctx.db, ws.workspaceId, 'en', 'returns'))?.id).toBe(a.id);
    await updateArticle(ctx, sue, a.id, { slug: 'returns' });
    expect(await findArticleByOldSlug(ctx.db, ws.workspaceId, 'en', 'returns')).toBeUndefined();
    await expect(createArticle(ctx, sue, article({ slug: 'returns' }))).rejects.toMatchObject({ code: 'conflict' });
    // Another locale has slugs of its own.
    await createArticle(ctx, sue, article({ slug: 'returns', locale: 'de' }));
  });

  it('links translations in one group, one article per locale', async () => {
    const en = await createArticle(ctx, sue, article({ slug: 'opening-hours', title: 'Opening hours' }));
    const de = await createArticle(ctx, sue, article({ slug: 'oeffnungszeiten', title: 'Öffnungszeiten', locale: 'de', translationOf: en.id }));
    expect(de).toMatchObject({ locale: 'de', translationGroupId: en.id, translations: [{ id: en.id, locale: 'en' }] });
    expect((await getArticle(ctx, olga, en.id)).translations).toEqual([{ id: de.id, locale: 'de', title: 'Öffnungszeiten', state: 'draft' }]);
    await expect(createArticle(ctx, sue, article({ slug: 'zeiten', locale: 'de', translationOf: en.id }))).rejects.toMatchObject({ code: 'conflict' });
    await expect(updateArticle(ctx, sue, de.id, { locale: 'en' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lets operators read drafts and supervisors and up write, filters lists, and searches published articles only', async () => {
    await expect(createArticle(ctx, olga, article({ slug: 'nope' }))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createCategory(ctx, olga, { name: 'Nope', slug: 'nope', description: '' })).rejects.toMatchObject({ code: 'forbidden' });
    const a = await createArticle(ctx, sue, article({ slug: 'gift-cards', title: 'Gift cards 100% off_now', body: 'Redeem a gift card at checkout.' }));
    await expect(updateArticle(ctx, olga, a.id, { title: 'Mine' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setArticleState(ctx, olga, a.id, 'published')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await searchPublished(ctx.db, ws.workspaceId, ['gift'], 10)).map((x) => [x.title, x.state])).toEqual([]);
    await setArticleState(ctx, sue, a.id, 'published');
    expect((await listArticles(ctx, olga, { state: 'published' })).map((x) => x.id)).toEqual([a.id]);
    expect((await listArticles(ctx, olga, { locale: 'de' })).every((x) => x.locale === 'de')).toBe(true);
    expect((await searchPublished(ctx.db, ws.workspaceId, ['GIFT', 'checkout'], 10)).map((x) => x.id)).toEqual([a.id]);
    expect((await searchPublished(ctx.db, ws.workspaceId, ['100%'], 10)).map((x) => x.id)).toEqual([a.id]);
    expect(await searchPublished(ctx.db, ws.workspaceId, ['%'], 10)).toHaveLength(1);
    expect(await searchPublished(ctx.db, ws.workspaceId, ['gift_cards'], 10)).toEqual([]);
    await setArticleState(ctx, sue, a.id, 'draft');
    expect(await searchPublished(ctx.db, ws.workspaceId, ['gift'], 10)).toEqual([]);
    changes.length = 0;
    await setArticleState(ctx, sue, a.id, 'published');
    await updateArticle(ctx, sue, a.id, { body: 'Redeem it online.' });
    await deleteArticle(ctx, sue, a.id);
    await expect(getArticle(ctx, olga, a.id)).rejects.toMatchObject({ code: 'not_found' });
    // What indexes articles follows every change.
    expect(changes).toEqual(['published published', 'updated published', 'deleted published']);
  });

  it('never shows one workspace’s articles or categories to another', async () => {
    const a = await createArticle(ctx, sue, article({ slug: 'private-to-k' }));
    const lee = other.owner;
    await expect(getArticle(ctx, lee, a.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateArticle(ctx, lee, a.id, { title: 'Taken' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(listVersions(ctx, lee, a.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(restoreVersion(ctx, lee, a.id, 1)).rejects.toMatchObject({ code: 'not_found' });
    await expect(createArticle(ctx, lee, article({ slug: 'mine', translationOf: a.id }))).rejects.toMatchObject({ code: 'bad_request' });
    expect(await listArticles(ctx, lee, {})).toEqual([]);
    expect(await listCategories(ctx, lee)).toEqual([]);
    // The same slug is free in another workspace.
    await createArticle(ctx, lee, article({ slug: 'private-to-k' }));
  });
});

describe('the public help centre', () => {
  let s: TestServer;
  let token: string;
  let wsId: string;
  const call = <T = Record<string, unknown>>(path: string, body?: unknown, method?: string) => api<T>(s.url, path, { token, body, method });
  const page = async (path: string) => {
    const res = await fetch(`${s.url}${path}`, { redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), csp: res.headers.get('content-security-policy'), html: await res.text() };
  };

  beforeAll(async () => {
    s = await startTestServer();
    token = await login(s.url);
    wsId = (await s.app.ctx.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => s.close());

  it('shows published articles with their title, description, canonical address and language alternates', async () => {
    const cat = (await call<{ id: string }>('/api/v1/article-categories', { name: 'Orders & <returns>', slug: 'orders', description: 'All about "orders"' }))
      .body;
    const en = (
      await call<{ id: string }>(
        '/api/v1/articles',
        article({ slug: 'cancel-order', title: 'Cancel an order', categoryId: cat.id, body: 'See [returns](article:RETURNS1).' }),
      )
    ).body;
    const de = (
      await call<{ id: string }>(
        '/api/v1/articles',
        article({ slug: 'bestellung-stornieren', title: 'Bestellung stornieren', locale: 'de', translationOf: en.id }),
      )
    ).body;
    expect((await page(`/help/${wsId}/en/cancel-order`)).status).toBe(404);
    expect((await call(`/api/v1/articles/${en.id}/publish`, {})).status).toBe(200);
    expect((await call(`/api/v1/articles/${de.id}/publish`, {})).status).toBe(200);

    const home = await page('/help');
    expect(home).toMatchObject({ status: 302, location: `/help/${wsId}` });
    const index = await page(`/help/${wsId}`);
    expect(index.html).toContain('Orders &amp; &lt;returns&gt;');
    expect(index.html).toContain(`href="/help/${wsId}/en/cancel-order"`);
    expect(index.html).toContain('<form role="search"');
    expect(index.csp).toContain("default-src 'none'");
    expect(index.csp).not.toContain('script-src');

    const p = await page(`/help/${wsId}/en/cancel-order`);
    expect(p.status).toBe(200);
    expect(p.html).toContain('<html lang="en">');
    expect(p.html).toContain('<title>Cancel an order · ');
    expect(p.html).toContain('<meta name="description" content="Get back into your account">');
    expect(p.html).toContain(`<link rel="canonical" href="${s.url}/help/${wsId}/en/cancel-order">`);
    expect(p.html).toContain(`<link rel="alternate" hreflang="de" href="${s.url}/help/${wsId}/de/bestellung-stornieren">`);
    expect(p.html).toContain(`<link rel="alternate" hreflang="en" href="${s.url}/help/${wsId}/en/cancel-order">`);
    expect(p.html).toContain(`<a href="/help/${wsId}/article/RETURNS1">returns</a>`);
    expect(p.html).toContain(`<a href="/help/${wsId}/categories/orders">`);

    const category = await page(`/help/${wsId}/categories/orders`);
    expect(category.html).toContain('<h1>Orders &amp; &lt;returns&gt;</h1>');
    expect(category.html).toContain('All about &quot;orders&quot;');

    const map = await page(`/help/${wsId}/sitemap.xml`);
    expect(map.html).toContain(`<loc>${s.url}/help/${wsId}/en/cancel-order</loc>`);
    expect(map.html).toContain(`<xhtml:link rel="alternate" hreflang="de" href="${s.url}/help/${wsId}/de/bestellung-stornieren"/>`);

    // Unpublished: gone from the page, the home and the sitemap.
    await call(`/api/v1/articles/${de.id}/unpublish`, {});
    expect((await page(`/help/${wsId}/de/bestellung-stornieren`)).status).toBe(404);
    expect((await page(`/help/${wsId}/sitemap.xml`)).html).not.toContain('bestellung');
    expect((await page(`/help/${wsId}/en/cancel-order`)).html).not.toContain('hreflang="de"');
  });

  it('redirects old slugs and article: links to the current address, and searches', async () => {
    const a = (
      await call<{ id: string }>('/api/v1/articles', article({ slug: 'shipping-costs', title: 'Shipping costs', body: 'Shipping is free over 50 euros.' }))
    ).body;
    await call(`/api/v1/articles/${a.id}/publish`, {});
    expect((await call(`/api/v1/articles/${a.id}`, { slug: 'delivery-costs' }, 'PATCH')).status).toBe(200);
    expect(await page(`/help/${wsId}/en/shipping-costs`)).toMatchObject({ status: 301, location: `/help/${wsId}/en/delivery-costs` });
    expect(await page(`/help/${wsId}/article/${a.id}`)).toMatchObject({ status: 301, location: `/help/${wsId}/en/delivery-costs` });
    const found = await page(`/help/${wsId}/search?q=${encodeURIComponent('free euros')}`);
    expect(found.html).toContain(`href="/help/${wsId}/en/delivery-costs"`);
    expect(found.html).toContain('1 article for “free euros”');
    const none = await page(`/help/${wsId}/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(none.html).toContain('0 articles for “&lt;script&gt;alert(1)&lt;/script&gt;”');
    expect(none.html).not.toContain('<script>');
    expect((await page('/help/not-a-workspace')).status).toBe(404);
    const missing = await page(`/help/${wsId}/en/no-such-article`);
    expect(missing.status).toBe(404);
    expect(missing.html).not.toContain('rel="canonical"');
  });

  it('escapes a malicious title and description on every page, and refuses a malicious slug', async () => {
    const evil = '</title><script>alert(1)</script><img src=x onerror=alert(2)>';
    expect((await call('/api/v1/articles', article({ slug: '"><script>', title: 'x' }))).status).toBe(400);
    expect((await call('/api/v1/articles', article({ slug: 'x', locale: 'en"><script>' }))).status).toBe(400);
    expect((await call('/api/v1/articles', article({ slug: 'x', locale: 'PT-br' }))).body).toMatchObject({ locale: 'pt-BR', url: `/help/${wsId}/pt-BR/x` });
    const a = (
      await call<{ id: string }>('/api/v1/articles', article({ slug: 'evil', title: evil, description: evil, body: `# ${evil}\n\n[x](javascript:alert(3))` }))
    ).body;
    await call(`/api/v1/articles/${a.id}/publish`, {});
    for (const path of [`/help/${wsId}/en/evil`, `/help/${wsId}`, `/help/${wsId}/search?q=alert`]) {
      const { html } = await page(path);
      expect(html).not.toContain('<script>');
      expect(html).not.toMatch(/<img[^>]*onerror/);
      expect(html).not.toMatch(/href="javascript/i);
    }
    const preview = await call<{ html: string }>('/api/v1/articles/preview', { body: '<script>alert(1)</script> [x](javascript:alert(1))' });
    expect(preview.body.html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</p>\n');
  });
});
