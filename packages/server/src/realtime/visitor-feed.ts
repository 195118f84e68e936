/**
 * The Visitors page's live list. A console that follows its workspace's
 * visitors gets a snapshot of everyone online, then batches of what changed:
 * each batch holds the latest entry of every visitor who changed since the
 * last one (or says they left), at most one batch a second per workspace,
 * serialised once for all of this node's followers. However fast visitors
 * move, a console gets at most one change per visitor per second. A console
 * whose operator sees only their teams (policy/visibility.ts) gets the
 * visitors with a conversation they may see or none: its batches are
 * filtered for it (one lookup per batch), and a visitor it may no longer see
 * is said gone.
 */
import { packVisitor, type PackedVisitor, type ServerFrame } from '@switchboard/protocol';
import type { Clock, Timer } from '../clock.js';
import type { VisitorPresence } from './visitor-presence.js';

export interface FeedMember {
  send(frame: ServerFrame): void;
  write(raw: string | Buffer): void;
}

export const FEED_FLUSH_MS = 1_000;

/** Of these visitors, the ones the member may not see. */
export type HiddenVisitors = (visitorIds: string[]) => Promise<Set<string>>;

export class VisitorFeed {
  private readonly followers = new Map<string, Set<FeedMember>>();
  private readonly following = new Map<FeedMember, string>();
  private readonly filters = new Map<FeedMember, HiddenVisitors>();
  private readonly pending = new Map<string, Set<string>>();
  private timer: Timer | undefined;
  private readonly stopListening: () => void;

  constructor(
    private readonly presence: VisitorPresence,
    private readonly clock: Clock,
    private readonly flushMs = FEED_FLUSH_MS,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.stopListening = presence.listen((workspaceId, visitorId) => this.changed(workspaceId, visitorId));
  }

  /** Starts sending the workspace's visitors to this member: everyone online now, then the changes. Already following: nothing new. */
  follow(member: FeedMember, workspaceId: string, hidden?: HiddenVisitors): void {
    if (this.following.get(member) === workspaceId) return;
    this.unfollow(member);
    let set = this.followers.get(workspaceId);
    if (!set) {
      set = new Set();
      this.followers.set(workspaceId, set);
    }
    set.add(member);
    this.following.set(member, workspaceId);
    const online = this.presence.list(workspaceId);
    if (!hidden) {
      member.send({ type: 'visitors', snapshot: true, visitors: online.map(packVisitor), gone: [] });
      return;
    }
    this.filters.set(member, hidden);
    hidden(online.map((e) => e.id)).then((out) => {
      if (this.following.get(member) !== workspaceId) return;
      member.send({ type: 'visitors', snapshot: true, visitors: online.filter((e) => !out.has(e.id)).map(packVisitor), gone: [] });
    }, this.onError);
  }

  unfollow(member: FeedMember): void {
    const workspaceId = this.following.get(member);
    if (workspaceId === undefined) return;
    this.following.delete(member);
    this.filters.delete(member);
    const set = this.followers.get(workspaceId);
    set?.delete(member);
    if (set?.size === 0) {
      this.followers.delete(workspaceId);
      this.pending.delete(workspaceId);
    }
  }

  stop(): void {
    this.stopListening();
    this.clock.clearTimeout(this.timer);
  }

  private changed(workspaceId: string, visitorId: string): void {
    if (!this.followers.has(workspaceId)) return;
    let ids = this.pending.get(workspaceId);
    if (!ids) {
      ids = new Set();
      this.pending.set(workspaceId, ids);
    }
    ids.add(visitorId);
    this.timer ??= this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.flushMs);
  }

  private flush(): void {
    for (const [workspaceId, ids] of this.pending) {
      const members = this.followers.get(workspaceId);
      if (!members) continue;
      const visitors: PackedVisitor[] = [];
      const gone: string[] = [];
      for (const id of ids) {
        const e = this.presence.get(id);
        if (e && e.workspaceId === workspaceId) visitors.push(packVisitor(e));
        else gone.push(id);
      }
      const raw = Buffer.from(JSON.stringify({ type: 'visitors', snapshot: false, visitors, gone } satisfies ServerFrame));
      for (const m of members) {
        const hidden = this.filters.get(m);
        if (!hidden) m.write(raw);
        else this.sendFiltered(m, workspaceId, hidden, visitors, gone);
      }
    }
    this.pending.clear();
  }

  /** A scoped console's batch: the visitors it may not see are gone for it. */
  private sendFiltered(m: FeedMember, workspaceId: string, hidden: HiddenVisitors, visitors: PackedVisitor[], gone: string[]): void {
    const ids = visitors.map((v) => v[0]);
    hidden(ids).then((out) => {
      if (this.following.get(m) !== workspaceId) return;
      const shown = visitors.filter((_v, i) => !out.has(ids[i]!));
      m.send({ type: 'visitors', snapshot: false, visitors: shown, gone: [...gone, ...ids.filter((id) => out.has(id))] });
    }, this.onError);
  }
}
