/**
 * Operator presence across nodes. Each node counts its own console
 * connections per operator and announces who is connected on the pub/sub
 * channel `presence`, on every change and every 30 s; an announcement not
 * renewed within 90 s expires (a node that died). An operator is offline when
 * no node has a connection for them; otherwise their chosen status (online or
 * away) applies. When an operator's last console closes they stay as they
 * were for a grace period (a reload does not flash offline). Timers and times
 * go through the one clock.
 */
import type { PresenceStatus } from '@switchboard/protocol';
import { type Clock, systemClock, type Timer } from '../clock.js';
import type { PubSub } from '../pubsub/pubsub.js';

interface Announcement {
  node: string;
  /** operatorId -> chosen status */
  operators: Record<string, { status: 'online' | 'away'; workspaceId: string }>;
}

const RENEW_MS = 30_000;
const EXPIRE_MS = 90_000;
const CHANNEL = 'presence';
/** How long an operator whose last console closed still shows as they were. */
export const OFFLINE_GRACE_MS = 60_000;

interface Local {
  count: number;
  status: 'online' | 'away';
  workspaceId: string;
  /** Set while no console is connected: the entry goes when it fires. */
  leaving: Timer | undefined;
}

export class Presence {
  private readonly local = new Map<string, Local>();
  private readonly remote = new Map<string, { at: number; operators: Announcement['operators'] }>();
  private timer: Timer | undefined;
  private stopped = false;
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    private readonly pubsub: PubSub,
    private readonly node: string,
    /** Called when an operator's effective status may have changed. */
    private readonly onChange: (workspaceId: string, operatorId: string, status: PresenceStatus) => void,
    private readonly clock: Clock = systemClock,
    private readonly graceMs = OFFLINE_GRACE_MS,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.pubsub.subscribe(CHANNEL, (_c, raw) => this.receive(raw));
    this.renewLater();
  }

  private renewLater(): void {
    this.timer = this.clock.setTimeout(() => {
      if (this.stopped) return;
      this.announce();
      this.expire();
      this.renewLater();
    }, RENEW_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    for (const entry of this.local.values()) this.clock.clearTimeout(entry.leaving);
    const changed = [...this.local.entries()];
    this.local.clear();
    this.announce();
    for (const [id, v] of changed) this.onChange(v.workspaceId, id, this.statusOf(id));
    await this.unsubscribe?.();
  }

  connect(workspaceId: string, operatorId: string, status: 'online' | 'away'): void {
    const before = this.statusOf(operatorId);
    const entry = this.local.get(operatorId);
    if (entry) {
      entry.count++;
      // Back within the grace period (a reload): as if they had never left.
      this.clock.clearTimeout(entry.leaving);
      entry.leaving = undefined;
    } else this.local.set(operatorId, { count: 1, status, workspaceId, leaving: undefined });
    this.changed(workspaceId, operatorId, before);
  }

  disconnect(workspaceId: string, operatorId: string): void {
    const entry = this.local.get(operatorId);
    if (!entry || entry.count <= 0) return;
    if (--entry.count > 0) return;
    entry.leaving = this.clock.setTimeout(() => {
      if (this.local.get(operatorId) !== entry || entry.count > 0) return;
      const before = this.statusOf(operatorId);
      this.local.delete(operatorId);
      this.changed(workspaceId, operatorId, before);
    }, this.graceMs);
  }

  /** The operator has a console connected to this node (not just within the grace period). */
  connectedHere(operatorId: string): boolean {
    return (this.local.get(operatorId)?.count ?? 0) > 0;
  }

  setStatus(workspaceId: string, operatorId: string, status: 'online' | 'away'): void {
    const before = this.statusOf(operatorId);
    const entry = this.local.get(operatorId);
    if (entry) entry.status = status;
    this.changed(workspaceId, operatorId, before);
  }

  statusOf(operatorId: string): PresenceStatus {
    const mine = this.local.get(operatorId);
    if (mine) return mine.status;
    let found: PresenceStatus = 'offline';
    for (const r of this.remote.values()) {
      const s = r.operators[operatorId]?.status;
      if (s === 'online') return 'online';
      if (s === 'away') found = 'away';
    }
    return found;
  }

  /** Whether an operator of the workspace is online now, on any node (away and offline ones are not); `except`: operators not to count (off shift). */
  anyOnline(workspaceId: string, except?: ReadonlySet<string>): boolean {
    const ids = new Set<string>();
    for (const [id, v] of this.local) if (v.workspaceId === workspaceId) ids.add(id);
    for (const r of this.remote.values()) for (const [id, v] of Object.entries(r.operators)) if (v.workspaceId === workspaceId) ids.add(id);
    for (const id of ids) if (this.statusOf(id) === 'online' && !except?.has(id)) return true;
    return false;
  }

  private changed(workspaceId: string, operatorId: string, before: PresenceStatus): void {
    this.announce();
    const after = this.statusOf(operatorId);
    if (after !== before) this.onChange(workspaceId, operatorId, after);
  }

  private announce(): void {
    const operators: Announcement['operators'] = {};
    for (const [id, v] of this.local) operators[id] = { status: v.status, workspaceId: v.workspaceId };
    this.pubsub.publish(CHANNEL, JSON.stringify({ node: this.node, operators } satisfies Announcement)).catch(() => {});
  }

  private receive(raw: string): void {
    let a: Announcement;
    try {
      a = JSON.parse(raw) as Announcement;
    } catch {
      return;
    }
    if (a.node === this.node) return;
    const previous = this.remote.get(a.node)?.operators ?? {};
    const touched = new Map<string, { workspaceId: string; before: PresenceStatus }>();
    for (const [id, v] of Object.entries({ ...previous, ...a.operators })) touched.set(id, { workspaceId: v.workspaceId, before: this.statusOf(id) });
    this.remote.set(a.node, { at: this.clock.now(), operators: a.operators });
    for (const [id, t] of touched) {
      const after = this.statusOf(id);
      if (after !== t.before) this.onChange(t.workspaceId, id, after);
    }
  }

  private expire(): void {
    const now = this.clock.now();
    for (const [node, r] of this.remote) {
      if (now - r.at < EXPIRE_MS) continue;
      const before = Object.entries(r.operators).map(([id, v]) => ({ id, ws: v.workspaceId, s: this.statusOf(id) }));
      this.remote.delete(node);
      for (const b of before) if (this.statusOf(b.id) !== b.s) this.onChange(b.ws, b.id, this.statusOf(b.id));
    }
  }
}
