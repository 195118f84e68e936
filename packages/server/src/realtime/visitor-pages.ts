/**
 * What each visitor tab shows, on this node: its `page` reports become page
 * views (visitor/record-page.ts) and the visitor's entry in the presence of
 * visitors online. Pages still open are marked seen every minute (one update
 * for all of this node's tabs), so a page's time holds even if the node dies,
 * and once more when the tab closes. Reports beyond a few a second from one
 * tab are held back and the latest one is recorded a moment later (a site
 * rewriting its address on every scroll costs nothing).
 */
import type { PageFrame } from '@switchboard/protocol';
import type { Clock, Timer } from '../clock.js';
import type { Context } from '../context.js';
import { findContact } from '../contact/contact.repository.js';
import { findActiveConversation, listVisitorConversationIds } from '../conversation/conversation.repository.js';
import { recordPage } from '../visitor/record-page.js';
import { presentPageView, presentVisit, seeOpenPages } from '../visitor/visit.repository.js';
import type { Visitor } from '../visitor/visitor.js';
import { presentVisitor, type VisitorRow } from '../visitor/visitor.repository.js';
import type { Connection } from './connection.js';
import { TokenBucket } from './rate-limit.js';
import type { VisitorPresence } from './visitor-presence.js';

/** How often pages still open are marked seen. */
export const PAGE_HEARTBEAT_MS = 60_000;

interface Tab {
  visitor: Visitor;
  viewId: string | null;
  visitId: string | null;
  bucket: TokenBucket;
  /** The latest report held back by the rate limit. */
  held: PageFrame | null;
  retry: Timer | undefined;
  closed: boolean;
}

export class VisitorPages {
  private readonly tabs = new Map<Connection, Tab>();
  private timer: Timer | undefined;
  private stopped = false;
  private readonly clock: Clock;

  constructor(
    private readonly ctx: Context,
    private readonly presence: VisitorPresence,
    private readonly heartbeatMs = PAGE_HEARTBEAT_MS,
  ) {
    this.clock = ctx.clock;
  }

  start(): void {
    this.heartbeatLater();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    for (const t of this.tabs.values()) this.clock.clearTimeout(t.retry);
  }

  /** A visitor tab reports the page it shows (`page` frame). */
  async report(conn: Connection, visitor: Visitor, frame: PageFrame): Promise<void> {
    let tab = this.tabs.get(conn);
    if (!tab) {
      tab = { visitor, viewId: null, visitId: null, bucket: new TokenBucket(5, 1, this.ctx.now()), held: null, retry: undefined, closed: false };
      this.tabs.set(conn, tab);
    }
    if (!tab.bucket.take(this.ctx.now())) {
      tab.held = frame;
      const t = tab;
      t.retry ??= this.clock.setTimeout(() => {
        t.retry = undefined;
        const held = t.held;
        t.held = null;
        if (held && !t.closed)
          conn.queue = conn.queue.then(() => this.report(conn, visitor, held)).catch((err) => this.ctx.log.warn({ err }, 'page report failed'));
      }, t.bucket.retryAfterMs());
      return;
    }
    const r = await recordPage(this.ctx, { visitor, page: frame, userAgent: conn.userAgent, previousViewId: tab.viewId });
    if (!r.view || !r.visit) return;
    tab.viewId = r.view.id;
    tab.visitId = r.visit.id;
    if (tab.closed) return;
    const known = this.presence.get(visitor.id);
    const who = known ?? (await this.whoIs(r.visitor));
    this.presence.page(conn, visitor.id, {
      id: visitor.id,
      workspaceId: visitor.workspaceId,
      pageUrl: r.view.url,
      pageTitle: r.view.title,
      pageSince: r.view.started_at,
      arrivedAt: r.visit.started_at,
      visits: Number(r.visitor.visit_count),
      name: who.name,
      chatting: who.chatting,
    });
    await this.announce(r.visitor, true, {
      visit: presentVisit(r.visit),
      ...(r.started ? { pageView: presentPageView(r.view) } : {}),
    });
  }

  /** The tab closed: its page was open until now; the visitor leaves once no tab of theirs is left (after the grace period). */
  closed(conn: Connection): void {
    const tab = this.tabs.get(conn);
    if (!tab) return;
    this.tabs.delete(conn);
    tab.closed = true;
    this.clock.clearTimeout(tab.retry);
    this.presence.disconnect(conn, tab.visitor.id);
    if (tab.viewId && tab.visitId && !this.stopped) {
      seeOpenPages(this.ctx.db, [tab.viewId], [tab.visitId], this.ctx.now()).catch((err) => this.ctx.log.warn({ err }, 'could not record a page closing'));
    }
    if ([...this.tabs.values()].some((t) => t.visitor.id === tab.visitor.id)) return;
    // Consoles following the visitor's conversations hear that they left, once they did not come back.
    this.clock.setTimeout(() => {
      if (this.stopped || this.presence.isOnline(tab.visitor.id)) return;
      this.leftSite(tab.visitor).catch((err) => this.ctx.log.warn({ err }, 'could not announce a visitor leaving'));
    }, this.presence.graceMs + 50);
  }

  private async leftSite(visitor: Visitor): Promise<void> {
    const row = await this.ctx.db.selectFrom('visitors').selectAll().where('id', '=', visitor.id).executeTakeFirst();
    if (row) await this.announce(row, false, {});
  }

  private async whoIs(row: VisitorRow): Promise<{ name: string | null; chatting: boolean }> {
    const [contact, active] = await Promise.all([
      row.contact_id ? findContact(this.ctx.db, row.workspace_id, row.contact_id) : undefined,
      findActiveConversation(this.ctx.db, row.id),
    ]);
    return { name: contact?.name ?? null, chatting: !!active };
  }

  /** To the operators following the visitor's conversations (none: nobody to tell). */
  private async announce(row: VisitorRow, online: boolean, extra: { visit?: ReturnType<typeof presentVisit>; pageView?: ReturnType<typeof presentPageView> }) {
    const conversationIds = await listVisitorConversationIds(this.ctx.db, row.id, 20);
    if (conversationIds.length === 0) return;
    this.ctx.events.emit({
      type: 'visitor.updated',
      workspaceId: row.workspace_id,
      visitor: { ...presentVisitor(row), visitCount: Number(row.visit_count), online, ...(extra.visit ? { visit: extra.visit } : {}) },
      conversationIds,
      ...(extra.pageView ? { pageView: extra.pageView } : {}),
    });
  }

  private heartbeatLater(): void {
    this.timer = this.clock.setTimeout(() => {
      if (this.stopped) return;
      const views: string[] = [];
      const visits = new Set<string>();
      for (const t of this.tabs.values()) {
        if (t.viewId) views.push(t.viewId);
        if (t.visitId) visits.add(t.visitId);
      }
      if (views.length) seeOpenPages(this.ctx.db, views, [...visits], this.ctx.now()).catch((err) => this.ctx.log.warn({ err }, 'page heartbeat failed'));
      this.heartbeatLater();
    }, this.heartbeatMs);
  }
}
