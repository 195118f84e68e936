/**
 * The article index behind suggestions, article search and content gaps:
 * only published articles, kept right incrementally on every node from
 * `article.changed` (publish, edit, unpublish, delete), one workspace never
 * seeing another's, the visitor's language first, and coverage telling an
 * answered question from one no article covers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { ArticleFinder, GAP_COVERAGE } from '../src/article-assist/article-finder.js';
import { createArticle, deleteArticle, setArticleState, updateArticle } from '../src/article/article.service.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

const draft = (title: string, slug: string, body: string, locale = 'en') => ({
  title,
  slug,
  description: '',
  body,
  locale,
  categoryId: null,
  translationOf: null,
});

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('the article index on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  /** A second node: its own index, the same storage and pub/sub. */
  let other: ArticleFinder;
  let ws: NewWorkspace;
  let ws2: NewWorkspace;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-finder-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath, clock));
    other = new ArticleFinder(ctx);
    await other.start();
    ws = await createWorkspace(ctx, { name: 'F', ownerEmail: `f-${tag}@x.test`, ownerName: 'Fay', ownerPassword: 'password-f', inboxName: 'Web' });
    ws2 = await createWorkspace(ctx, { name: 'G', ownerEmail: `g-${tag}@x.test`, ownerName: 'Gil', ownerPassword: 'password-g', inboxName: 'Web' });
  });
  afterAll(async () => {
    await other.stop();
    await ctx.articles.stop();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const settle = async () => {
    await ctx.articles.settled();
    await other.settled();
  };

  it('finds published articles only, and follows publish, edit, unpublish and delete on every node', async () => {
    const refund = await createArticle(
      ctx,
      ws.owner,
      draft('Get a refund', 'refund', 'Refunds are paid back to the card within **5 days**.\n\nOpen Orders and choose Refund.'),
    );
    await createArticle(ctx, ws.owner, draft('Change your password', 'password', 'Open Settings, then Security, then Change password.'));
    // Both nodes build their index now: later changes must reach them incrementally.
    expect(await ctx.articles.find(ws.owner.workspaceId, 'refund my order')).toEqual([]);
    expect(await other.find(ws.owner.workspaceId, 'refund my order')).toEqual([]);

    await setArticleState(ctx, ws.owner, refund.id, 'published');
    await settle();
    for (const finder of [ctx.articles, other]) {
      const [top] = await finder.find(ws.owner.workspaceId, 'how do I get a refund for my order');
      expect(top?.id).toBe(refund.id);
      expect(top?.url).toBe(`/help/${ws.owner.workspaceId}/en/refund`);
      // Plain text, not Markdown.
      expect(top?.excerpt).toContain('Open Orders and choose Refund.');
      expect(top?.excerpt).not.toContain('**');
    }

    await updateArticle(ctx, ws.owner, refund.id, { title: 'Money back', body: 'We return the money to your wallet.' });
    await settle();
    for (const finder of [ctx.articles, other]) {
      const [top] = await finder.find(ws.owner.workspaceId, 'money back to my wallet');
      expect(top).toMatchObject({ id: refund.id, title: 'Money back' });
    }

    await setArticleState(ctx, ws.owner, refund.id, 'draft');
    await settle();
    expect(await other.find(ws.owner.workspaceId, 'money back to my wallet')).toEqual([]);

    await setArticleState(ctx, ws.owner, refund.id, 'published');
    await settle();
    expect((await other.find(ws.owner.workspaceId, 'money back to my wallet'))[0]?.id).toBe(refund.id);
    await deleteArticle(ctx, ws.owner, refund.id);
    await settle();
    expect(await ctx.articles.find(ws.owner.workspaceId, 'money back to my wallet')).toEqual([]);
    expect(await other.find(ws.owner.workspaceId, 'money back to my wallet')).toEqual([]);
  });

  it('never answers with another workspace’s articles', async () => {
    const a = await createArticle(ctx, ws2.owner, draft('Shipping to Norway', 'norway', 'We ship to Norway in three days.'));
    await setArticleState(ctx, ws2.owner, a.id, 'published');
    await settle();
    expect((await ctx.articles.find(ws2.owner.workspaceId, 'shipping to norway'))[0]?.id).toBe(a.id);
    expect(await ctx.articles.find(ws.owner.workspaceId, 'shipping to norway')).toEqual([]);
  });

  it('prefers the visitor’s language, and falls back to the others', async () => {
    const en = await createArticle(ctx, ws.owner, draft('Delivery times', 'delivery', 'Delivery takes two days.'));
    const de = await createArticle(ctx, ws.owner, {
      ...draft('Lieferzeiten', 'lieferung', 'Die Lieferung dauert zwei Tage. Delivery.', 'de'),
      translationOf: en.id,
    });
    await setArticleState(ctx, ws.owner, en.id, 'published');
    await setArticleState(ctx, ws.owner, de.id, 'published');
    await settle();
    const inGerman = await ctx.articles.find(ws.owner.workspaceId, 'delivery', { locale: 'de-AT' });
    expect(inGerman.map((f) => f.id)).toEqual([de.id]);
    const inFrench = await ctx.articles.find(ws.owner.workspaceId, 'delivery', { locale: 'fr' });
    expect(inFrench.map((f) => f.id).sort()).toEqual([en.id, de.id].sort());
  });

  it('tells a covered question from one no article covers', async () => {
    const answered = await ctx.articles.find(ws.owner.workspaceId, 'how many days does delivery take');
    expect(answered[0]!.coverage).toBeGreaterThanOrEqual(GAP_COVERAGE);
    const uncovered = await ctx.articles.find(ws.owner.workspaceId, 'can I pay with cryptocurrency bitcoin');
    expect(uncovered[0]?.coverage ?? 0).toBeLessThan(GAP_COVERAGE);
  });
});
