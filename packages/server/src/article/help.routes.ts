/**
 * The public help centre, per workspace: `/help/<workspace id>` (home),
 * `/categories/<slug>`, `/<locale>/<slug>` (an article; an old slug answers
 * 301 to the current one), `/article/<id>` (301 to the article's address: what
 * `article:<id>` links in Markdown point at), `/search?q=`, `/sitemap.xml`.
 * `/help` itself redirects to the first workspace's help centre (the product's
 * default single workspace). Only published articles are ever shown.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../context.js';
import { ownOrigin } from '../http/security.js';
import {
  type ArticleRow,
  type CategoryRow,
  findArticle,
  findArticleByOldSlug,
  findArticleBySlug,
  findCategoryBySlug,
  listArticleRows,
  listCategoryRows,
  searchPublished,
  translationRows,
} from './article.repository.js';
import { articleUrl, helpBase } from './article.service.js';
import { articleContent, categoryContent, homeContent, layout, type PageMeta, searchContent, sitemap } from './help-pages.js';
import { plainText, renderMarkdown } from './render-markdown.js';
import { recordHelpView } from '../article-assist/widget-articles.js';

/** No script may run on a help centre page; images may come from anywhere on the web, as articles link them. */
export const HELP_CSP =
  "default-src 'none'; img-src 'self' https: http:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SLUG = /^[a-z0-9-]{1,80}$/;
const LOCALE = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})?$/;

type Params = Record<string, string>;

export async function registerHelp(app: FastifyInstance, ctx: Context): Promise<void> {
  const origin = (req: FastifyRequest) => ownOrigin(ctx.config, req);
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', HELP_CSP)
      .header('cache-control', 'no-cache')
      .send(body);
  const notFoundPage = (reply: FastifyReply, home = '/help') =>
    html(
      reply,
      404,
      layout(
        { title: 'Page not found', description: '', canonical: '', lang: 'en', home, siteName: 'Help centre' },
        '<h1>Page not found</h1><p>This page does not exist or is no longer published.</p>',
      ),
    );

  async function workspaceOf(p: Params) {
    if (!ID.test(p.ws ?? '')) return undefined;
    return ctx.db.selectFrom('workspaces').select(['id', 'name']).where('id', '=', p.ws!).executeTakeFirst();
  }
  const publicUrl = (req: FastifyRequest, a: ArticleRow) => `${origin(req)}${articleUrl(a)}`;
  const meta = (req: FastifyRequest, ws: { id: string; name: string }, m: Omit<PageMeta, 'home' | 'siteName' | 'canonical'> & { path: string }): PageMeta => ({
    ...m,
    canonical: `${origin(req)}${m.path}`,
    home: helpBase(ws.id),
    siteName: ws.name,
  });
  async function publishedTranslations(a: ArticleRow) {
    return (await translationRows(ctx.db, a.workspace_id, a.translation_group_id)).filter((t) => t.state === 'published');
  }

  app.get('/help', async (_req, reply) => {
    const ws = await ctx.db.selectFrom('workspaces').select('id').orderBy('created_at').limit(1).executeTakeFirst();
    return ws ? reply.redirect(helpBase(ws.id), 302) : notFoundPage(reply);
  });

  app.get('/help/:ws', async (req, reply) => {
    const ws = await workspaceOf(req.params as Params);
    if (!ws) return notFoundPage(reply);
    const [categories, articles] = await Promise.all([listCategoryRows(ctx.db, ws.id), listArticleRows(ctx.db, { workspaceId: ws.id, state: 'published' })]);
    const groups: { category: CategoryRow | null; articles: ArticleRow[] }[] = categories.map((c) => ({
      category: c,
      articles: articles.filter((a) => a.category_id === c.id),
    }));
    const known = new Set(categories.map((c) => c.id));
    const rest = articles.filter((a) => !a.category_id || !known.has(a.category_id));
    if (rest.length) groups.push({ category: null, articles: rest });
    const m = meta(req, ws, { title: 'Help centre', description: `Answers and guides from ${ws.name}`, lang: 'en', path: helpBase(ws.id) });
    return html(reply, 200, layout(m, homeContent(m.home, groups, articleUrl)));
  });

  app.get('/help/:ws/categories/:slug', async (req, reply) => {
    const p = req.params as Params;
    const ws = await workspaceOf(p);
    const category = ws && SLUG.test(p.slug ?? '') ? await findCategoryBySlug(ctx.db, ws.id, p.slug!) : undefined;
    if (!ws || !category) return notFoundPage(reply, ws ? helpBase(ws.id) : undefined);
    const articles = await listArticleRows(ctx.db, { workspaceId: ws.id, state: 'published', categoryId: category.id });
    const m = meta(req, ws, {
      title: category.name,
      description: category.description || category.name,
      lang: 'en',
      path: `${helpBase(ws.id)}/categories/${category.slug}`,
    });
    return html(reply, 200, layout(m, categoryContent(m.home, category, articles, articleUrl)));
  });

  app.get('/help/:ws/article/:id', async (req, reply) => {
    const p = req.params as Params;
    const ws = await workspaceOf(p);
    const a = ws && ID.test(p.id ?? '') ? await findArticle(ctx.db, ws.id, p.id!) : undefined;
    if (a?.state !== 'published') return notFoundPage(reply, ws ? helpBase(ws.id) : undefined);
    return reply.redirect(articleUrl(a!), 301);
  });

  app.get('/help/:ws/search', async (req, reply) => {
    const ws = await workspaceOf(req.params as Params);
    if (!ws) return notFoundPage(reply);
    const raw = (req.query as Record<string, unknown>).q;
    const q = typeof raw === 'string' ? raw.trim().slice(0, 200) : '';
    const words = q.split(/\s+/).filter(Boolean).slice(0, 8);
    const results = words.length ? await searchPublished(ctx.db, ws.id, words, 50) : [];
    const m = meta(req, ws, {
      title: q ? `Search: ${q}` : 'Search',
      description: `Search the ${ws.name} help centre`,
      lang: 'en',
      path: `${helpBase(ws.id)}/search`,
    });
    return html(reply, 200, layout(m, searchContent(m.home, q, results, articleUrl)));
  });

  app.get('/help/:ws/sitemap.xml', async (req, reply) => {
    const ws = await workspaceOf(req.params as Params);
    if (!ws) return notFoundPage(reply);
    const articles = await listArticleRows(ctx.db, { workspaceId: ws.id, state: 'published' });
    const groups = new Map<string, ArticleRow[]>();
    for (const a of articles) groups.set(a.translation_group_id, [...(groups.get(a.translation_group_id) ?? []), a]);
    const urls = articles.map((a) => ({
      loc: publicUrl(req, a),
      lastmod: a.updated_at,
      alternates:
        (groups.get(a.translation_group_id) ?? []).length > 1
          ? groups.get(a.translation_group_id)!.map((t) => ({ locale: t.locale, href: publicUrl(req, t) }))
          : [],
    }));
    return reply.header('content-type', 'application/xml; charset=utf-8').send(sitemap(urls));
  });

  app.get('/help/:ws/:locale/:slug', async (req, reply) => {
    const p = req.params as Params;
    const ws = await workspaceOf(p);
    if (!ws || !LOCALE.test(p.locale ?? '') || !SLUG.test(p.slug ?? '')) return notFoundPage(reply, ws ? helpBase(ws.id) : undefined);
    const current = await findArticleBySlug(ctx.db, ws.id, p.locale!, p.slug!);
    if (!current) {
      const renamed = await findArticleByOldSlug(ctx.db, ws.id, p.locale!, p.slug!);
      if (renamed?.state === 'published') return reply.redirect(articleUrl(renamed), 301);
      return notFoundPage(reply, helpBase(ws.id));
    }
    if (current.state !== 'published') return notFoundPage(reply, helpBase(ws.id));
    const translations = await publishedTranslations(current);
    const category = current.category_id ? (await listCategoryRows(ctx.db, ws.id)).find((c) => c.id === current.category_id) : undefined;
    const m = meta(req, ws, {
      title: current.title,
      description: current.description || plainText(current.body).slice(0, 160),
      lang: current.locale,
      path: articleUrl(current),
      alternates: translations.length > 1 ? translations.map((t) => ({ locale: t.locale, href: publicUrl(req, t) })) : [],
    });
    await recordHelpView(ctx, current, req.headers['user-agent']);
    const others = translations.filter((t) => t.id !== current.id).map((t) => ({ locale: t.locale, title: t.title, href: articleUrl(t) }));
    return html(reply, 200, layout(m, articleContent(m.home, current, renderMarkdown(current.body, { helpBase: m.home }), category, others)));
  });
}
