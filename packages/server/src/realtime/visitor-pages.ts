/**
 * What each visitor tab shows, on this node: its `page` reports become page
 * views (visitor/record-page.ts) and the visitor's entry in the presence of
 * visitors online. Pages still open are marked seen every minute (one update
 * for all of this node's tabs), so a page's time holds even if the node dies,
 * and once more when the tab closes. Reports arriving within 50 ms of each
 * other are stored in one transaction, and none of it holds up the tab's
 * other frames (its messages). Reports beyond a few a second from one tab are
 * held back and the latest one is recorded a moment later (a site rewriting
 * its address on every scroll costs nothing).
 */
import type { PageFrame } from '@switchboard/protocol';
import type { Clock, Timer } from '../clock.js';
import type { Context } from '../context.js';
import { findContact } from '../contact/contact.repository.js';
import { findActiveConversation } from '../conversation/conversation.repository.js';
import { type RecordedPage, recordPages } from '../visitor/record-page.js';
import { conversationIdsByVisitor, latestVisit, presentPageView, presentVisit, seeOpenPages } from '../visitor/visit.repository.js';
import type { PageViewRow, VisitRow } from '../visitor/visit.table.js';
import type { Visitor } from '../visitor/visitor.js';
import { presentVisitor, type VisitorRow } from '../visitor/visitor.repository.js';
import type { Connection } from './connection.js';
import { TokenBucket } from './rate-limit.js';
import type { VisitorPresence } from './visitor-presence.js';

/** How often pages still open are marked seen. */
export const PAGE_HEARTBEAT_MS = 60_000;
/** Reports arriving within this long of the first one waiting are stored together. */
const BATCH_MS = 50;

interface Waiting {
  conn: Connection;
  tab: Tab;
  frame: PageFrame;
}

interface Tab {
  visitor: Visitor;
  /** What the tab recorded last: its page, visit and visitor rows, kept fresh by the heartbeats. */
  last: RecordedPage | null;
  bucket: TokenBucket;
  /** The latest report waiting its turn (one is being stored, or the rate was exceeded). */
  held: PageFrame | null;
  retry: Timer | undefined;
  /** A report of this tab is being stored. */
  busy: boolean;
  closed: boolean;
}

export class VisitorPages {
  private readonly tabs = new Map<Connection, Tab>();
  private timer: Timer | undefined;
  private stopped = false;
  private waiting: Waiting[] = [];
  /** Visitors whose tabs all closed here, to announce as gone unless they come back. */
  private readonly leaving = new Set<string>();
  private batchTimer: Timer | undefined;
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
    this.clock.clearTimeout(this.batchTimer);
    await this.store();
  }

  /**
   * A visitor tab reports the page it shows (`page` frame). Nothing waits for
   * it: the tab's other frames (its messages) go on at once. One report per
   * tab is being stored at a time; one that comes meanwhile, or beyond the
   * rate, waits its turn, the latest replacing the one waiting.
   */
  report(conn: Connection, visitor: Visitor, frame: PageFrame): void {
    let tab = this.tabs.get(conn);
    if (!tab) {
      tab = { visitor, last: null, bucket: new TokenBucket(5, 1, this.ctx.now()), held: null, retry: undefined, busy: false, closed: false };
      this.tabs.set(conn, tab);
    }
    if (tab.closed || this.stopped) return;
    if (tab.busy || tab.retry) {
      tab.held = frame;
      return;
    }
    if (!tab.bucket.take(this.ctx.now())) {
      tab.held = frame;
      const t = tab;
      t.retry = this.clock.setTimeout(() => {
        t.retry = undefined;
        this.next(conn, t);
      }, t.bucket.retryAfterMs());
      return;
    }
    tab.busy = true;
    this.waiting.push({ conn, tab, frame });
    this.batchTimer ??= this.clock.setTimeout(() => {
      this.batchTimer = undefined;
      void this.store();
    }, BATCH_MS);
  }

  /** The report waiting for its turn, if its turn has come. */
  private next(conn: Connection, tab: Tab): void {
    if (!tab.held || tab.busy || tab.retry || tab.closed) return;
    const frame = tab.held;
    tab.held = null;
    this.report(conn, tab.visitor, frame);
  }

  private async store(): Promise<void> {
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    try {
      const outcomes = await recordPages(
        this.ctx,
        batch.map((w) => ({ visitor: w.tab.visitor, page: w.frame, userAgent: w.conn.userAgent, previous: w.tab.last })),
      );
      const shown: { row: VisitorRow; visit: VisitRow; view: PageViewRow; started: boolean }[] = [];
      for (const [i, o] of outcomes.entries()) {
        const w = batch[i] as Waiting;
        if (!o.ok) {
          this.ctx.log.warn({ err: o.error }, 'could not record a page');
          continue;
        }
        const r = o.value;
        if (!r.view || !r.visit) continue;
        w.tab.last = r;
        if (w.tab.closed) {
          await seeOpenPages(this.ctx.db, [r.view.id], [r.visit.id], this.ctx.now());
          continue;
        }
        const known = this.presence.get(r.visitor.id);
        const who = known ?? (await this.whoIs(r.visitor));
        // Closed while we asked: its close has been handled, so it must not come back as online.
        if (w.tab.closed) continue;
        this.presence.page(w.conn, r.visitor.id, {
          id: r.visitor.id,
          workspaceId: r.visitor.workspace_id,
          pageUrl: r.view.url,
          pageTitle: r.view.title,
          pageSince: r.view.started_at,
          arrivedAt: r.visit.started_at,
          visits: Number(r.visitor.visit_count),
          name: who.name,
          chatting: who.chatting,
        });
        shown.push({ row: r.visitor, visit: r.visit, view: r.view, started: r.started });
      }
      // One query for the batch: which of these visitors have conversations someone may be following.
      const conversations = await conversationIdsByVisitor(this.ctx.db, [...new Set(shown.map((x) => x.row.id))]);
      for (const x of shown) {
        this.announce(x.row, true, conversations.get(x.row.id) ?? [], {
          visit: presentVisit(x.visit),
          ...(x.started ? { pageView: presentPageView(x.view) } : {}),
        });
      }
    } catch (err) {
      this.ctx.log.warn({ err }, 'could not record pages');
    } finally {
      for (const w of batch) {
        w.tab.busy = false;
        this.next(w.conn, w.tab);
      }
    }
  }

  /** The tab closed: its page was open until now; the visitor leaves once no tab of theirs is left (after the grace period). */
  closed(conn: Connection): void {
    const tab = this.tabs.get(conn);
    if (!tab) return;
    this.tabs.delete(conn);
    tab.closed = true;
    this.clock.clearTimeout(tab.retry);
    this.presence.disconnect(conn, tab.visitor.id);
    if (tab.last?.view && tab.last.visit && !this.stopped) {
      seeOpenPages(this.ctx.db, [tab.last.view.id], [tab.last.visit.id], this.ctx.now()).catch((err) =>
        this.ctx.log.warn({ err }, 'could not record a page closing'),
      );
    }
    // Consoles following the visitor's conversations hear that they left, once they did not come back
    // (a tab still open, here or on another node, keeps them online). One check per visitor at a time.
    const id = tab.visitor.id;
    if (!tab.last || this.leaving.has(id)) return;
    this.leaving.add(id);
    this.clock.setTimeout(() => {
      this.leaving.delete(id);
      if (this.stopped || this.presence.isOnline(id)) return;
      this.leftSite(tab.visitor).catch((err) => this.ctx.log.warn({ err }, 'could not announce a visitor leaving'));
    }, this.presence.graceMs + 50);
  }

  private async leftSite(visitor: Visitor): Promise<void> {
    const row = await this.ctx.db.selectFrom('visitors').selectAll().where('id', '=', visitor.id).executeTakeFirst();
    if (!row) return;
    const conversationIds = (await conversationIdsByVisitor(this.ctx.db, [row.id])).get(row.id) ?? [];
    if (conversationIds.length === 0) return;
    const visit = await latestVisit(this.ctx.db, row.id);
    this.announce(row, false, conversationIds, visit ? { visit: presentVisit(visit) } : {});
  }

  private async whoIs(row: VisitorRow): Promise<{ name: string | null; chatting: boolean }> {
    const [contact, active] = await Promise.all([
      row.contact_id ? findContact(this.ctx.db, row.workspace_id, row.contact_id) : undefined,
      findActiveConversation(this.ctx.db, row.id),
    ]);
    return { name: contact?.name ?? null, chatting: !!active };
  }

  /** To the operators following the visitor's conversations (none: nobody to tell). */
  private announce(
    row: VisitorRow,
    online: boolean,
    conversationIds: string[],
    extra: { visit?: ReturnType<typeof presentVisit>; pageView?: ReturnType<typeof presentPageView> },
  ): void {
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
      const now = this.ctx.now();
      for (const t of this.tabs.values()) {
        const { view, visit } = t.last ?? {};
        if (!view || !visit) continue;
        views.push(view.id);
        visits.add(visit.id);
        // The tab's own copies too: its next page reads nothing from storage.
        t.last = { ...t.last!, view: { ...view, last_seen_at: now }, visit: { ...visit, last_activity_at: now } };
      }
      if (views.length) seeOpenPages(this.ctx.db, views, [...visits], now).catch((err) => this.ctx.log.warn({ err }, 'page heartbeat failed'));
      this.heartbeatLater();
    }, this.heartbeatMs);
  }
}
