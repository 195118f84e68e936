/**
 * Who is looking at which conversation, across nodes (collision presence).
 * Each node knows its own console connections and what each one shows; it
 * announces a conversation's local viewers on the pub/sub channel
 * `realtime:viewers` whenever they change, and all of them every 30 s. An
 * announcement not renewed within 90 s expires (a node that died). Every node
 * works out the whole list itself and hands it to its own members of the
 * conversation's team room: operators only, never the visitor.
 */
import type { ServerFrame, ViewerDto } from '@switchboard/protocol';
import type { Clock, Timer } from '../clock.js';
import type { PubSub } from '../pubsub/pubsub.js';

const CHANNEL = 'realtime:viewers';
const RENEW_MS = 30_000;
const EXPIRE_MS = 90_000;

type Viewing = Record<string, { workspaceId: string; viewers: ViewerDto[] }>;

type Announcement =
  | { node: string; kind: 'one'; conversationId: string; workspaceId: string; viewers: ViewerDto[] }
  | { node: string; kind: 'all'; conversations: Viewing }
  /** A node that just started asks the others for everything. */
  | { node: string; kind: 'sync' };

export interface Viewer {
  workspaceId: string;
  operatorId: string;
  name: string;
}

export class Viewers {
  /** Connection -> what it shows. */
  private readonly byConnection = new Map<object, Viewer & { conversationId: string }>();
  private readonly remote = new Map<string, { at: number; conversations: Viewing }>();
  private timer: Timer | undefined;
  private stopped = false;
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    private readonly pubsub: PubSub,
    private readonly clock: Clock,
    private readonly node: string,
    /** Hands the new list of a conversation to this node's operators in its team room. */
    private readonly deliver: (conversationId: string, frame: ServerFrame) => void,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.pubsub.subscribe(CHANNEL, (_c, raw) => this.receive(raw));
    this.publish({ node: this.node, kind: 'sync' });
    this.renewLater();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    const shown = new Set([...this.byConnection.values()].map((v) => v.conversationId));
    this.byConnection.clear();
    // The others forget this node's viewers now rather than after the expiry.
    this.publish({ node: this.node, kind: 'all', conversations: {} });
    for (const id of shown) this.changed(id, null);
    await this.unsubscribe?.();
  }

  /** What a connection shows now: a conversation, or nothing (another screen, a hidden tab). */
  view(connection: object, who: Viewer, conversationId: string | null): void {
    const before = this.byConnection.get(connection);
    if (before?.conversationId === conversationId && before.name === who.name) return;
    const lists = this.snapshot([before?.conversationId, conversationId ?? undefined]);
    if (conversationId) this.byConnection.set(connection, { ...who, conversationId });
    else this.byConnection.delete(connection);
    for (const [id, list] of lists) this.localChanged(id, list);
  }

  /** The connection closed or stopped following what it showed. */
  leave(connection: object, conversationId?: string): void {
    const v = this.byConnection.get(connection);
    if (!v || (conversationId && v.conversationId !== conversationId)) return;
    this.view(connection, v, null);
  }

  /** Everyone viewing the conversation, on every node, each operator once. */
  list(conversationId: string): ViewerDto[] {
    const out = new Map<string, ViewerDto>();
    for (const v of this.byConnection.values()) if (v.conversationId === conversationId) out.set(v.operatorId, { operatorId: v.operatorId, name: v.name });
    for (const r of this.remote.values()) for (const v of r.conversations[conversationId]?.viewers ?? []) if (!out.has(v.operatorId)) out.set(v.operatorId, v);
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name) || a.operatorId.localeCompare(b.operatorId));
  }

  frame(conversationId: string): ServerFrame {
    return { type: 'viewers', conversationId, viewers: this.list(conversationId) };
  }

  private localViewers(conversationId: string): { workspaceId: string; viewers: ViewerDto[] } | null {
    const viewers = new Map<string, ViewerDto>();
    let workspaceId = '';
    for (const v of this.byConnection.values()) {
      if (v.conversationId !== conversationId) continue;
      workspaceId = v.workspaceId;
      viewers.set(v.operatorId, { operatorId: v.operatorId, name: v.name });
    }
    return workspaceId ? { workspaceId, viewers: [...viewers.values()] } : null;
  }

  private snapshot(ids: (string | undefined)[]): Map<string, string> {
    const lists = new Map<string, string>();
    for (const id of ids) if (id && !lists.has(id)) lists.set(id, JSON.stringify(this.list(id)));
    return lists;
  }

  private localChanged(conversationId: string, before: string): void {
    const mine = this.localViewers(conversationId);
    this.publish({ node: this.node, kind: 'one', conversationId, workspaceId: mine?.workspaceId ?? '', viewers: mine?.viewers ?? [] });
    this.changed(conversationId, before);
  }

  /** Tells local members when the whole list is not what it was (`before`, serialised; null: always). */
  private changed(conversationId: string, before: string | null): void {
    if (before !== null && JSON.stringify(this.list(conversationId)) === before) return;
    this.deliver(conversationId, this.frame(conversationId));
  }

  private everything(): Viewing {
    const all: Viewing = {};
    for (const id of new Set([...this.byConnection.values()].map((v) => v.conversationId))) {
      const mine = this.localViewers(id);
      if (mine) all[id] = mine;
    }
    return all;
  }

  private renewLater(): void {
    this.timer = this.clock.setTimeout(() => {
      if (this.stopped) return;
      this.publish({ node: this.node, kind: 'all', conversations: this.everything() });
      this.expire();
      this.renewLater();
    }, RENEW_MS);
  }

  private expire(): void {
    const now = this.clock.now();
    for (const [node, r] of this.remote) {
      if (now - r.at < EXPIRE_MS) continue;
      const lists = this.snapshot(Object.keys(r.conversations));
      this.remote.delete(node);
      for (const [id, list] of lists) this.changed(id, list);
    }
  }

  private publish(a: Announcement): void {
    this.pubsub.publish(CHANNEL, JSON.stringify(a)).catch(this.onError);
  }

  private receive(raw: string): void {
    let a: Announcement;
    try {
      a = JSON.parse(raw) as Announcement;
    } catch {
      return;
    }
    if (a.node === this.node || this.stopped) return;
    if (a.kind === 'sync') {
      this.publish({ node: this.node, kind: 'all', conversations: this.everything() });
      return;
    }
    const previous = this.remote.get(a.node)?.conversations ?? {};
    const next: Viewing = a.kind === 'all' ? a.conversations : { ...previous, [a.conversationId]: { workspaceId: a.workspaceId, viewers: a.viewers } };
    if (a.kind === 'one' && a.viewers.length === 0) delete next[a.conversationId];
    const lists = this.snapshot([...Object.keys(previous), ...Object.keys(next)]);
    this.remote.set(a.node, { at: this.clock.now(), conversations: next });
    for (const [id, list] of lists) this.changed(id, list);
  }
}
