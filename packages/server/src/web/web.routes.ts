/**
 * Pages and bundles: the widget loader and its iframe app, the operator
 * console, and the demo shop page with the widget embedded.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { findInboxByKey, listInboxes } from '../inbox/inbox.repository.js';
import { toInbox } from '../inbox/inbox.repository.js';
import { assetDirs, assetsBuilt } from './assets.js';
import { demoPage, framePage } from './pages.js';
import { CONSOLE_CSP, frameCsp, frameQuery } from './policy.js';
import { notFound } from '../errors.js';

export async function registerWeb(app: FastifyInstance, ctx: Context): Promise<void> {
  const built = assetsBuilt();
  if (!built.widget || !built.console) ctx.log.warn(built, 'widget or console bundle missing: run npm run build');

  await app.register(fastifyStatic, { root: assetDirs.widget, prefix: '/widget/', decorateReply: true, index: false, cacheControl: false });
  await app.register(fastifyStatic, {
    root: assetDirs.console,
    prefix: '/console/',
    decorateReply: false,
    index: ['index.html'],
    setHeaders: (res, path) => {
      if (path.endsWith('.html')) {
        res.header('cache-control', 'no-cache');
        res.header('content-security-policy', CONSOLE_CSP);
      }
    },
  });

  app.get('/console', (_req, reply) => reply.redirect('/console/'));

  // The loader is embedded by any website: cacheable for a short while, so updates reach everyone quickly.
  app.get('/widget.js', (_req, reply) =>
    reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .sendFile('loader.js', assetDirs.widget),
  );

  // The proactive triggers' script (packages/widget/src/triggers/): the loader imports it as a module from the website's
  // page, so it is readable by any origin (CORS), like the loader itself.
  app.get('/widget/triggers.js', (_req, reply) =>
    reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .sendFile('triggers.js', assetDirs.widget),
  );

  // The JavaScript SDK's TypeScript types (packages/widget/sdk.d.ts), for websites to download into their projects.
  // Read and sent as text: served as a file, its extension would say MPEG video.
  app.get('/widget.d.ts', async (_req, reply) =>
    reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(
        await readFile(join(assetDirs.widget, 'widget.d.ts'), 'utf8').catch(() => {
          throw notFound('File');
        }),
      ),
  );

  // The chat app's iframe page. Browsers refuse to frame it on pages outside the inbox's allow-list.
  app.get('/widget/frame', async (req, reply) => {
    const { key } = frameQuery(req.query);
    const row = await findInboxByKey(ctx.db, key);
    if (!row) throw notFound('Website');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', frameCsp(toInbox(row).settings.allowedOrigins))
      .send(framePage(toInbox(row).settings.language));
  });

  // The demo shop: the first inbox's widget, embedded exactly as a customer would.
  app.get('/', async (_req, reply) => {
    const ws = await ctx.db.selectFrom('workspaces').select('id').orderBy('created_at').limit(1).executeTakeFirst();
    const inbox = ws ? (await listInboxes(ctx.db, ws.id))[0] : undefined;
    return reply.header('content-type', 'text/html; charset=utf-8').send(demoPage(inbox?.website_key ?? null));
  });
}
