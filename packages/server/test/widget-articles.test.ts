/**
 * Articles in the widget (F2): suggestions as the visitor types (published
 * articles of their workspace, their language first, loose matches left out),
 * an article read in the widget (a view recorded), "Did this help?" (the last
 * answer counts), on every storage backend; then the routes through a real
 * server: short questions give nothing, bad input is refused with a stable
 * code, drafts and other workspaces' articles are not found, and the public
 * help centre records a person's view (not a crawler's).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { readArticle, SUGGEST_COVERAGE, suggestArticles, voteArticle } from '../src/article-assist/widget-articles.js';
import { createArticle, setArticleState } from '../src/article/article.service.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import type { Operator } from '../src/operator/operator.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

const draft = (title: string, slug: string, body: string, locale = 'en', translationOf: string | null = null) => ({
  title,
  slug,
  description: '',
  body,
  locale,
  categoryId: null,
  translationOf,
});

async function published(ctx: Context, owner: Operator, input: ReturnType<typeof draft>) {
  const a = await createArticle(ctx, owner, input);
  await setArticleState(ctx, owner, a.id, 'published');
  return a;
}

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('articles in the widget on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;
  let other: NewWorkspace;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-widget-articles-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath, clock));
    ws = await createWorkspace(ctx, { name: 'W', ownerEmail: `w-${tag}@x.test`, ownerName: 'Wim', ownerPassword: 'password-w', inboxName: 'Web' });
    other = await createWorkspace(ctx, { name: 'O', ownerEmail: `o-${tag}@x.test`, ownerName: 'Ola', ownerPassword: 'password-o', inboxName: 'Web' });
    const refund = await published(
      ctx,
      ws.owner,
      draft('Get a refund', 'refund', 'Refunds are paid back to your card within **5 days**.\n\nOpen Orders, choose the order and then Refund.'),
    );
    ids.refund = refund.id;
    ids.refundDe = (
      await published(
        ctx,
        ws.owner,
        draft('Rückerstattung', 'rueckerstattung', 'Eine Rückerstattung (refund) geht in 5 Tagen auf Ihre Karte zurück.', 'de', refund.id),
      )
    ).id;
    ids.password = (await published(ctx, ws.owner, draft('Change your password', 'password', 'Open Settings, then Security, then Change password.'))).id;
    ids.draft = (await createArticle(ctx, ws.owner, draft('Refund a gift card', 'gift-card', 'Gift card refunds are paid back as store credit.'))).id;
    ids.other = (await published(ctx, other.owner, draft('Refund for shipping', 'shipping-refund', 'Shipping costs are refunded to your card.'))).id;
    await ctx.articles.settled();
  });
  afterAll(async () => {
    await ctx.articles.stop();
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const visitorOf = async (w: NewWorkspace) => (await startWidgetSession(ctx, { websiteKey: w.inbox.websiteKey })).visitor;

  it('suggests published articles of the visitor’s workspace in their language, never drafts nor another workspace’s', async () => {
    const visitor = await visitorOf(ws);
    const en = await suggestArticles(ctx, visitor, '  how do I get a refund for my order?  ', 'en');
    expect(en[0]).toMatchObject({ id: ids.refund, title: 'Get a refund' });
    expect(en[0]!.excerpt).not.toContain('**');
    expect(en.map((s) => s.id)).not.toContain(ids.draft);
    expect(en.map((s) => s.id)).not.toContain(ids.other);
    expect(en.length).toBeLessThanOrEqual(3);
    const de = await suggestArticles(ctx, visitor, 'Rückerstattung auf meine Karte', 'de');
    expect(de.map((s) => s.id)).toEqual([ids.refundDe]);
    // The other workspace's visitor sees its own article only.
    const theirs = await suggestArticles(ctx, await visitorOf(other), 'refund to my card', 'en');
    expect(theirs.map((s) => s.id)).toEqual([ids.other]);
  });

  it('suggests nothing for a question too short or that no article answers', async () => {
    const visitor = await visitorOf(ws);
    expect(await suggestArticles(ctx, visitor, ' re ', 'en')).toEqual([]);
    expect(await suggestArticles(ctx, visitor, 'can I pay with bitcoin', 'en')).toEqual([]);
    expect(await suggestArticles(ctx, visitor, 'opening hours of your shop in Paris', 'en')).toEqual([]);
    // A loose match is below the bar; the real answer is above it.
    const loose = await ctx.articles.find(ws.workspaceId, 'opening hours of your shop in Paris', { locale: 'en' });
    expect(loose.every((f) => f.coverage <= SUGGEST_COVERAGE)).toBe(true);
    const [good] = await ctx.articles.find(ws.workspaceId, 'I forgot my password', { locale: 'en' });
    expect(good?.id).toBe(ids.password);
    expect(good!.coverage).toBeGreaterThan(SUGGEST_COVERAGE);
  });

  it('reads a published article with its HTML and records a view by the visitor', async () => {
    const visitor = await visitorOf(ws);
    const a = await readArticle(ctx, visitor, ids.refund!);
    expect(a).toMatchObject({ id: ids.refund, title: 'Get a refund', locale: 'en', url: `/help/${ws.workspaceId}/en/refund` });
    expect(a.html).toContain('<strong>5 days</strong>');
    const views = await ctx.db.selectFrom('article_events').selectAll().where('article_id', '=', ids.refund!).execute();
    expect(views).toEqual([
      expect.objectContaining({ workspace_id: ws.workspaceId, kind: 'view', source: 'widget', visitor_id: visitor.id, operator_id: null }),
    ]);
    expect(Number(views[0]!.created_at)).toBe(clock.now());
  });

  it('keeps the visitor’s last answer to "Did this help?"', async () => {
    const visitor = await visitorOf(ws);
    await voteArticle(ctx, visitor, ids.password!, false);
    await clock.advance(5000);
    await voteArticle(ctx, visitor, ids.password!, true);
    const votes = await ctx.db.selectFrom('article_votes').selectAll().where('article_id', '=', ids.password!).execute();
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ workspace_id: ws.workspaceId, visitor_id: visitor.id });
    expect(Number(votes[0]!.helpful)).toBe(1);
    expect(Number(votes[0]!.updated_at) - Number(votes[0]!.created_at)).toBe(5000);
  });

  it('finds no draft and no other workspace’s article, and records nothing for them', async () => {
    const visitor = await visitorOf(ws);
    for (const id of [ids.draft!, ids.other!, 'nope']) {
      await expect(readArticle(ctx, visitor, id)).rejects.toMatchObject({ code: 'not_found' });
      await expect(voteArticle(ctx, visitor, id, true)).rejects.toMatchObject({ code: 'not_found' });
    }
    const recorded = await ctx.db.selectFrom('article_events').select('id').where('article_id', 'in', [ids.draft!, ids.other!]).execute();
    expect(recorded).toEqual([]);
  });
});

describe('the widget’s article routes', () => {
  let s: TestServer;
  let owner: string;
  let visitor: { visitorId: string; visitorToken: string };
  let articleId: string;
  let draftId: string;
  let slug: string;
  let workspaceId: string;

  beforeAll(async () => {
    s = await startTestServer();
    owner = await login(s.url);
    visitor = await newVisitor(s.url, s.websiteKey);
    const create = async (title: string, slugName: string, body: string) =>
      (await api<{ id: string }>(s.url, '/api/v1/articles', { token: owner, body: { title, slug: slugName, body } })).body.id;
    slug = 'reset-password';
    articleId = await create('Reset your password', slug, 'Open [Settings](article:abc) and choose **Reset password**.');
    expect((await api(s.url, `/api/v1/articles/${articleId}/publish`, { token: owner, body: {} })).status).toBe(200);
    draftId = await create('Delete your account', 'delete-account', 'Write to us to delete your account.');
    await s.app.ctx.articles.settled();
    workspaceId = (await s.app.ctx.db.selectFrom('articles').select('workspace_id').where('id', '=', articleId).executeTakeFirstOrThrow()).workspace_id;
  });
  afterAll(async () => {
    await s.close();
  });

  const asVisitor = <T>(path: string, body?: unknown) =>
    api<T & { error?: { code: string } }>(s.url, path, {
      token: visitor.visitorToken,
      headers: { 'x-website-key': s.websiteKey },
      ...(body === undefined ? {} : { body }),
    });

  it('suggests as the visitor types, and nothing for fewer than 3 characters', async () => {
    const r = await asVisitor<{ items: { id: string; title: string; description: string; excerpt: string }[] }>(
      '/api/v1/widget/articles/suggest?q=I%20forgot%20my%20password&locale=en',
    );
    expect(r.status).toBe(200);
    expect(r.body.items[0]).toMatchObject({ id: articleId, title: 'Reset your password' });
    expect(Object.keys(r.body.items[0]!).sort()).toEqual(['description', 'excerpt', 'id', 'title']);
    expect((await asVisitor<{ items: unknown[] }>('/api/v1/widget/articles/suggest?q=%20pw%20')).body).toEqual({ items: [] });
    expect((await asVisitor<{ items: unknown[] }>('/api/v1/widget/articles/suggest?q=delete%20my%20account')).body.items).toEqual([]);
  });

  it('refuses bad input with a stable code', async () => {
    expect((await asVisitor(`/api/v1/widget/articles/suggest?q=${'a'.repeat(501)}`)).body.error?.code).toBe('validation_failed');
    expect((await asVisitor('/api/v1/widget/articles/suggest?q=password&locale=%3Cscript%3E')).body.error?.code).toBe('validation_failed');
    const vote = await asVisitor(`/api/v1/widget/articles/${articleId}/vote`, { helpful: 'yes' });
    expect(vote.status).toBe(400);
    expect(vote.body.error?.code).toBe('validation_failed');
    expect((await asVisitor('/api/v1/widget/articles/not%20an%20id')).status).toBe(400);
  });

  it('reads a published article with links resolved and records the view; a draft is not found', async () => {
    const r = await asVisitor<{ id: string; title: string; html: string; url: string; locale: string }>(`/api/v1/widget/articles/${articleId}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: articleId, title: 'Reset your password', url: `/help/${workspaceId}/en/${slug}`, locale: 'en' });
    expect(r.body.html).toContain(`href="/help/${workspaceId}/article/abc"`);
    const draft = await asVisitor(`/api/v1/widget/articles/${draftId}`);
    expect(draft.status).toBe(404);
    expect(draft.body.error?.code).toBe('not_found');
    expect((await asVisitor(`/api/v1/widget/articles/${draftId}/vote`, { helpful: true })).body.error?.code).toBe('not_found');
    const views = await s.app.ctx.db.selectFrom('article_events').selectAll().where('visitor_id', '=', visitor.visitorId).execute();
    expect(views.map((v) => [v.article_id, v.kind, v.source])).toEqual([[articleId, 'view', 'widget']]);
  });

  it('records the vote with the visitor, the last answer counting (204)', async () => {
    expect((await asVisitor(`/api/v1/widget/articles/${articleId}/vote`, { helpful: false })).status).toBe(204);
    expect((await asVisitor(`/api/v1/widget/articles/${articleId}/vote`, { helpful: true })).status).toBe(204);
    const votes = await s.app.ctx.db.selectFrom('article_votes').selectAll().where('article_id', '=', articleId).execute();
    expect(votes.map((v) => [v.visitor_id, Number(v.helpful)])).toEqual([[visitor.visitorId, 1]]);
  });

  it('is for visitors only', async () => {
    expect((await api(s.url, `/api/v1/widget/articles/${articleId}`, { token: owner })).status).toBe(401);
    expect((await api(s.url, '/api/v1/widget/articles/suggest?q=password')).status).toBe(401);
  });

  it('counts a person’s view of a help centre page, not a crawler’s', async () => {
    const page = (ua: string) => fetch(`${s.url}/help/${workspaceId}/en/${slug}`, { headers: { 'user-agent': ua } });
    expect((await page('Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0')).status).toBe(200);
    expect((await page('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).status).toBe(200);
    const views = await s.app.ctx.db.selectFrom('article_events').selectAll().where('source', '=', 'help').execute();
    expect(views.map((v) => [v.article_id, v.kind, v.visitor_id])).toEqual([[articleId, 'view', null]]);
  });
});
