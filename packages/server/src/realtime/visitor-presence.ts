/**
 * Who is on the site now, across nodes: visitors with an open realtime
 * connection that reported a page. Thousands of visitors move every second,
 * so nodes never announce whole maps on a change. Each node announces what
 * changed among its own visitors, in batches (every 250 ms) numbered in
 * sequence, on the pub/sub channel `realtime:visitors`; every node keeps the
 * others' entries from those deltas. A receiver that finds a number missing
 * (a message lost while Redis reconnected) asks that node for its full state;
 * so does a node that starts. Each node says it is alive every 10 s (with its
 * last number); a node not heard for 30 s died, and its visitors go offline.
 * A visitor whose last connection closed stays for a short grace period, so a
 * full page load (the chat frame reconnects on the next page) does not flash
 * them offline. Chatting and name changes may happen on any node: they are
 * announced as patches that every node applies. Timers and times go through
 * the one clock.
 */
import { type PackedVisitor, packVisitor } from '@switchboard/protocol';
import type { Clock, Timer } from '../clock.js';
import type { PubSub } from '../pubsub/pubsub.js';
import { type OnlineEntry, OtherNodes, same, type Wire } from './visitor-nodes.js';

export type { OnlineEntry };
/** What one connection shows: a page of the visitor's visit. */
export type ConnectionPage = Omit<OnlineEntry, 'name' | 'chatting'> & Partial<Pick<OnlineEntry, 'name' | 'chatting'>>;

const CHANNEL = 'realtime:visitors';

export interface VisitorPresenceTiming {
  /** How often a node announces what changed among its visitors. */
  batchMs: number;
  /** How often a node says it is alive. */
  renewMs: number;
  /** A node not heard for this long died: its visitors go offline. */
  expireMs: number;
  /** A visitor whose last connection closed stays this long (the next page connects again). */
  graceMs: number;
}

export const VISITOR_PRESENCE_TIMING: VisitorPresenceTiming = { batchMs: 250, renewMs: 10_000, expireMs: 30_000, graceMs: 4_000 };

interface LocalVisitor {
  entry: OnlineEntry;
  pages: Map<object, ConnectionPage>;
  leaving: Timer | undefined;
}

type Listener = (workspaceId: string, visitorId: string) => void;

export class VisitorPresence {
  private readonly local = new Map<string, LocalVisitor>();
  private readonly others: OtherNodes;
  private readonly byWorkspace = new Map<string, Set<string>>();
  private readonly listeners = new Set<Listener>();
  private readonly dirty = new Set<string>();
  private seq = 0;
  private flushTimer: Timer | undefined;
  private renewTimer: Timer | undefined;
  private stopped = false;
  private unsubscribe: (() => Promise<void>) | undefined;
  private readonly timing: VisitorPresenceTiming;

  constructor(
    private readonly pubsub: PubSub,
    private readonly clock: Clock,
    private readonly node: string,
    timing: Partial<VisitorPresenceTiming> = {},
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.timing = { ...VISITOR_PRESENCE_TIMING, ...timing };
    this.others = new OtherNodes(clock, {
      around: (ids, mutate) => this.around(ids, mutate),
      askFull: (node) => this.publish({ n: this.node, k: 'sync', t: node }),
    });
  }

  async start(): Promise<void> {
    this.unsubscribe = await this.pubsub.subscribe(CHANNEL, (_c, raw) => this.receive(raw));
    this.publish({ n: this.node, k: 'sync' });
    this.renewLater();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimeout(this.flushTimer);
    this.clock.clearTimeout(this.renewTimer);
    for (const v of this.local.values()) this.clock.clearTimeout(v.leaving);
    this.publish({ n: this.node, k: 'bye' });
    await this.unsubscribe?.();
  }

  /** Called with each visitor whose entry changed (arrived, moved, left), on any node. */
  listen(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** A connection of this node shows a page (its first, or the next). */
  page(connection: object, visitorId: string, page: ConnectionPage): void {
    const before = this.get(visitorId);
    let v = this.local.get(visitorId);
    if (!v) {
      const entry = { ...page, name: page.name ?? before?.name ?? null, chatting: page.chatting ?? before?.chatting ?? false };
      v = { entry, pages: new Map(), leaving: undefined };
      this.local.set(visitorId, v);
      this.markDirty(visitorId);
    }
    this.clock.clearTimeout(v.leaving);
    v.leaving = undefined;
    v.pages.set(connection, page);
    this.recompute(visitorId, v);
    this.changed(visitorId, before);
  }

  /** The connection closed: once the visitor has none left here, and did not come back within the grace period, they leave. */
  disconnect(connection: object, visitorId: string): void {
    const v = this.local.get(visitorId);
    if (!v?.pages.delete(connection)) return;
    if (v.pages.size > 0) {
      const before = this.get(visitorId);
      this.recompute(visitorId, v);
      this.changed(visitorId, before);
      return;
    }
    v.leaving = this.clock.setTimeout(() => {
      if (this.local.get(visitorId) !== v || v.pages.size > 0) return;
      const before = this.get(visitorId);
      this.local.delete(visitorId);
      this.markDirty(visitorId);
      this.changed(visitorId, before);
    }, this.timing.graceMs);
  }

  /** The visitor started or ended a conversation, or said their name: wherever they are connected. */
  patch(workspaceId: string, visitorId: string, change: { chatting?: boolean; name?: string | null }): void {
    this.apply(visitorId, change);
    this.publish({ n: this.node, k: 'p', v: visitorId, w: workspaceId, ...change });
  }

  /** The visitor as the list shows them: their latest page on any node. */
  get(visitorId: string): OnlineEntry | undefined {
    let best = this.local.get(visitorId)?.entry;
    for (const e of this.others.entriesOf(visitorId)) if (!best || e.pageSince > best.pageSince) best = e;
    return best;
  }

  isOnline(visitorId: string): boolean {
    return this.get(visitorId) !== undefined;
  }

  /** Everyone of a workspace on the site now. */
  list(workspaceId: string): OnlineEntry[] {
    const out: OnlineEntry[] = [];
    for (const id of this.byWorkspace.get(workspaceId) ?? []) {
      const e = this.get(id);
      if (e) out.push(e);
    }
    return out;
  }

  /** When another node was last heard (tests wait for its heartbeat). */
  heardFrom(node: string): number | undefined {
    return this.others.heardFrom(node);
  }

  get graceMs(): number {
    return this.timing.graceMs;
  }

  /** How many visitors this node has connected (for the benchmark and tests). */
  get localCount(): number {
    return this.local.size;
  }

  /** The entry of a visitor connected here: their latest page among their tabs on this node. */
  private recompute(visitorId: string, v: LocalVisitor): void {
    let latest: ConnectionPage | undefined;
    for (const p of v.pages.values()) if (!latest || p.pageSince >= latest.pageSince) latest = p;
    if (!latest) return;
    const next: OnlineEntry = {
      id: visitorId,
      workspaceId: latest.workspaceId,
      name: v.entry.name,
      pageUrl: latest.pageUrl,
      pageTitle: latest.pageTitle,
      pageSince: latest.pageSince,
      arrivedAt: latest.arrivedAt,
      visits: latest.visits,
      chatting: v.entry.chatting,
    };
    if (same(next, v.entry)) return;
    v.entry = next;
    this.markDirty(visitorId);
  }

  private apply(visitorId: string, change: { chatting?: boolean; name?: string | null }): void {
    const before = this.get(visitorId);
    const patched = (e: OnlineEntry): OnlineEntry => ({
      ...e,
      ...(change.chatting !== undefined ? { chatting: change.chatting } : {}),
      ...(change.name !== undefined ? { name: change.name } : {}),
    });
    const mine = this.local.get(visitorId);
    if (mine) {
      const next = patched(mine.entry);
      if (!same(next, mine.entry)) {
        mine.entry = next;
        // Announced again: a delta of this node sent before the patch arrived must not win.
        this.markDirty(visitorId);
      }
    }
    this.others.patch(visitorId, patched);
    this.changed(visitorId, before);
  }

  /** Tells listeners when the visitor's entry is not what it was, and keeps the workspace index. */
  private changed(visitorId: string, before: OnlineEntry | undefined): void {
    const after = this.get(visitorId);
    if (same(before, after)) return;
    const workspaceId = (after ?? before)?.workspaceId as string;
    if (after && !before) {
      let set = this.byWorkspace.get(workspaceId);
      if (!set) {
        set = new Set();
        this.byWorkspace.set(workspaceId, set);
      }
      set.add(visitorId);
    } else if (!after) {
      const set = this.byWorkspace.get(workspaceId);
      set?.delete(visitorId);
      if (set?.size === 0) this.byWorkspace.delete(workspaceId);
    }
    for (const fn of this.listeners) fn(workspaceId, visitorId);
  }

  /** Runs a change to other nodes' entries, then tells listeners about each visitor it touched whose entry is not what it was. */
  private around(ids: Iterable<string>, mutate: () => void): void {
    const befores = new Map<string, OnlineEntry | undefined>();
    for (const id of ids) befores.set(id, this.get(id));
    mutate();
    for (const [id, before] of befores) this.changed(id, before);
  }

  private markDirty(visitorId: string): void {
    this.dirty.add(visitorId);
    if (this.flushTimer || this.stopped) return;
    this.flushTimer = this.clock.setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, this.timing.batchMs);
  }

  private flush(): void {
    if (this.dirty.size === 0 || this.stopped) return;
    const u: [string, PackedVisitor][] = [];
    const g: string[] = [];
    for (const id of this.dirty) {
      const v = this.local.get(id);
      if (v) u.push([v.entry.workspaceId, packVisitor(v.entry)]);
      else g.push(id);
    }
    this.dirty.clear();
    this.publish({ n: this.node, k: 'd', s: ++this.seq, u, g });
  }

  private everything(): [string, PackedVisitor][] {
    return [...this.local.values()].map((v) => [v.entry.workspaceId, packVisitor(v.entry)]);
  }

  private renewLater(): void {
    this.renewTimer = this.clock.setTimeout(() => {
      if (this.stopped) return;
      this.publish({ n: this.node, k: 'h', s: this.seq });
      this.others.expire(this.clock.now() - this.timing.expireMs);
      this.renewLater();
    }, this.timing.renewMs);
  }

  private publish(w: Wire): void {
    this.pubsub.publish(CHANNEL, JSON.stringify(w)).catch(this.onError);
  }

  private receive(raw: string): void {
    let w: Wire;
    try {
      w = JSON.parse(raw) as Wire;
    } catch {
      return;
    }
    if (!w || w.n === this.node || this.stopped) return;
    switch (w.k) {
      case 'sync':
        if (!w.t || w.t === this.node) this.publish({ n: this.node, k: 'f', s: this.seq, u: this.everything() });
        return;
      case 'bye':
        this.others.replace(w.n, null);
        return;
      case 'f':
        this.others.replace(w.n, w.u, w.s);
        return;
      case 'p':
        this.apply(w.v, { ...(w.chatting !== undefined ? { chatting: w.chatting } : {}), ...(w.name !== undefined ? { name: w.name } : {}) });
        return;
    }
    if (w.k === 'h') this.others.heartbeat(w.n, w.s);
    else this.others.delta(w.n, w.s, w.u, w.g);
  }
}
