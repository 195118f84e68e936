/**
 * Visits and the page trail on every storage backend, on the one clock: a
 * visit and its campaign, referrer and device; pages joining it, a reload
 * continuing a view, a new visit after 30 minutes or from another site; the
 * trail paged and scoped to its workspace; heartbeats; retention.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { ManualClock } from '../src/clock.js';
import type { Context } from '../src/context.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { recordPage } from '../src/visitor/record-page.js';
import { deleteOldVisits, VISITS_KEPT_MS } from '../src/visitor/visit-retention.js';
import { latestVisit, listPageViews, seeOpenPages } from '../src/visitor/visit.repository.js';
import type { Visitor } from '../src/visitor/visitor.js';
import { findVisitor } from '../src/visitor/visitor.repository.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.127 Safari/537.36';
const MINUTE = 60_000;

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('visits and page trails on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let ctx: Context;
  let ws: NewWorkspace;
  let other: NewWorkspace;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    ({ ctx } = await contextOn(handle, mkdtempSync(join(tmpdir(), 'sb-visits-')), backend.fastPath, clock));
    ws = await createWorkspace(ctx, { name: 'V', ownerEmail: `v-${tag}@x.test`, ownerName: 'Vera', ownerPassword: 'password-v', inboxName: 'Web' });
    other = await createWorkspace(ctx, { name: 'O', ownerEmail: `o-${tag}@x.test`, ownerName: 'Otto', ownerPassword: 'password-o', inboxName: 'Other' });
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
  });

  async function newVisitor(inbox = ws.inbox): Promise<Visitor> {
    return (await startWidgetSession(ctx, { websiteKey: inbox.websiteKey, userAgent: CHROME_MAC })).visitor;
  }

  it('records a visit with its referrer, campaign and device, and the pages of the visit', async () => {
    const v = await newVisitor();
    const landing = 'https://shop.example/tents?utm_source=newsletter&utm_medium=email&utm_campaign=spring';
    const first = await recordPage(ctx, {
      visitor: v,
      page: { url: landing, title: 'Tents', referrer: 'https://mail.example/inbox', timeZone: 'Europe/Paris' },
      userAgent: CHROME_MAC,
    });
    expect(first.started).toBe(true);
    expect(first.visit).toMatchObject({
      number: 1,
      landing_url: landing,
      referrer: 'https://mail.example/inbox',
      utm_source: 'newsletter',
      utm_medium: 'email',
      utm_campaign: 'spring',
      utm_term: null,
      device: 'desktop',
      browser: 'Chrome',
      browser_version: '126',
      os: 'macOS',
    });
    expect((await findVisitor(ctx.db, ws.workspaceId, v.id))?.visit_count).toBe(1);

    // A single-page site moves on: the same visit, the first page ends now.
    await clock.advance(2 * MINUTE);
    const second = await recordPage(ctx, {
      visitor: v,
      page: { url: 'https://shop.example/tents/trail-2p', title: 'Trail 2P', referrer: 'https://mail.example/inbox' },
      previous: first,
    });
    expect(second.visit?.id).toBe(first.visit?.id);
    expect(second.started).toBe(true);
    // A full page load: the next page of the site as referrer, from a new tab connection.
    await clock.advance(MINUTE);
    const third = await recordPage(ctx, {
      visitor: v,
      page: { url: 'https://shop.example/cart', title: 'Cart', referrer: 'https://shop.example/tents/trail-2p' },
    });
    expect(third.visit?.id).toBe(first.visit?.id);
    // A reload (or a reconnect) of the same page continues its view.
    await clock.advance(30_000);
    const reload = await recordPage(ctx, { visitor: v, page: { url: 'https://shop.example/cart', title: 'Your cart' } });
    expect(reload.started).toBe(false);
    expect(reload.view?.id).toBe(third.view?.id);
    expect(reload.view?.title).toBe('Your cart');

    const trail = await listPageViews(ctx.db, { workspaceId: ws.workspaceId, visitorId: v.id, visitId: first.visit!.id, limit: 10 });
    expect(trail.map((p) => p.title)).toEqual(['Your cart', 'Trail 2P', 'Tents']);
    const [cart, trail2p, tents] = trail;
    expect(tents!.last_seen_at - tents!.started_at).toBe(2 * MINUTE);
    expect(trail2p!.started_at).toBe(tents!.last_seen_at);
    expect(cart!.last_seen_at - cart!.started_at).toBe(30_000);
    const visit = await latestVisit(ctx.db, v.id);
    expect(visit?.page_views).toBe(3);

    // A heartbeat of the open page, then it closes.
    await clock.advance(MINUTE);
    await seeOpenPages(ctx.db, [cart!.id], [visit!.id], ctx.now());
    const seen = await listPageViews(ctx.db, { workspaceId: ws.workspaceId, visitorId: v.id, limit: 1 });
    expect(seen[0]!.last_seen_at - seen[0]!.started_at).toBe(90_000);
    expect((await latestVisit(ctx.db, v.id))?.last_activity_at).toBe(ctx.now());
  });

  it('starts a new visit after 30 minutes without activity or from another site, and keeps only http(s) pages', async () => {
    const v = await newVisitor();
    const a = await recordPage(ctx, { visitor: v, page: { url: 'https://shop.example/', title: 'Home', referrer: '' } });
    expect(a.visit?.referrer).toBeNull();
    await clock.advance(29 * MINUTE);
    const b = await recordPage(ctx, { visitor: v, page: { url: 'https://shop.example/faq', title: 'FAQ' } });
    expect(b.visit?.id).toBe(a.visit?.id);
    await clock.advance(31 * MINUTE);
    const c = await recordPage(ctx, { visitor: v, page: { url: 'https://shop.example/faq', title: 'FAQ' } });
    expect(c.visit?.id).not.toBe(a.visit?.id);
    expect(c.visit?.number).toBe(2);
    expect(c.started).toBe(true);
    await clock.advance(MINUTE);
    const d = await recordPage(ctx, { visitor: v, page: { url: 'https://shop.example/', title: 'Home', referrer: 'https://www.google.com/' } });
    expect(d.visit).toMatchObject({ number: 3, referrer: 'https://www.google.com/' });
    expect((await findVisitor(ctx.db, ws.workspaceId, v.id))?.visit_count).toBe(3);

    const bad = await recordPage(ctx, { visitor: v, page: { url: 'javascript:alert(1)', title: '<b>x</b>' } });
    expect(bad.view).toBeNull();
    expect(bad.visitor.page_url).toBeNull();
    const all = await listPageViews(ctx.db, { workspaceId: ws.workspaceId, visitorId: v.id, limit: 50 });
    expect(all).toHaveLength(4);
    expect(all.every((p) => p.url.startsWith('https://'))).toBe(true);
  });

  it('pages the trail newest first by keyset, within the visitor’s workspace only', async () => {
    const v = await newVisitor();
    for (let i = 0; i < 7; i++) {
      await recordPage(ctx, { visitor: v, page: { url: `https://shop.example/p${i}`, title: `P${i}` } });
      await clock.advance(1000);
    }
    const first = await listPageViews(ctx.db, { workspaceId: ws.workspaceId, visitorId: v.id, limit: 3 });
    const last = first.at(-1)!;
    const next = await listPageViews(ctx.db, { workspaceId: ws.workspaceId, visitorId: v.id, limit: 10, before: { startedAt: last.started_at, id: last.id } });
    expect([...first, ...next].map((p) => p.title)).toEqual(['P6', 'P5', 'P4', 'P3', 'P2', 'P1', 'P0']);
    expect(await listPageViews(ctx.db, { workspaceId: other.workspaceId, visitorId: v.id, limit: 10 })).toEqual([]);
  });

  it('deletes visits and their pages 90 days after their last activity, and keeps the count of visits', async () => {
    const v = await newVisitor();
    const old = await recordPage(ctx, { visitor: v, page: { url: 'https://shop.example/old', title: 'Old' } });
    await clock.advance(VISITS_KEPT_MS - 10 * MINUTE);
    const recent = await recordPage(ctx, { visitor: v, page: { url: 'https://shop.example/new', title: 'New' } });
    expect(recent.visit?.id).not.toBe(old.visit?.id);
    await clock.advance(20 * MINUTE);
    const removed = await deleteOldVisits(ctx);
    expect(removed.visits).toBeGreaterThanOrEqual(1);
    expect(removed.pageViews).toBeGreaterThanOrEqual(1);
    const left = await listPageViews(ctx.db, { workspaceId: ws.workspaceId, visitorId: v.id, limit: 10 });
    expect(left.map((p) => p.title)).toEqual(['New']);
    expect((await latestVisit(ctx.db, v.id))?.id).toBe(recent.visit?.id);
    expect((await findVisitor(ctx.db, ws.workspaceId, v.id))?.visit_count).toBe(2);
    // Nothing older than the cut-off is left anywhere.
    const stale = await ctx.db
      .selectFrom('visits')
      .select('id')
      .where('last_activity_at', '<', ctx.now() - VISITS_KEPT_MS)
      .execute();
    expect(stale).toEqual([]);
  });
});
