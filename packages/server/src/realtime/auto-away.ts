/**
 * Auto-away: an operator with no input in any console tab (keyboard, pointer:
 * the console's `activity` frames, and replies and typing) for their idle
 * time shows as away; the next input brings them back online, but only when
 * the away was automatic (an Away they chose stays). Tabs of one operator may
 * be on several nodes: activity and chosen statuses are relayed on the
 * pub/sub channel `realtime:auto-away`, so every node with a console of theirs
 * reaches the same decision from the same last input. Automatic away is never
 * stored: the operator row keeps the status they chose.
 */
import type { Context } from '../context.js';
import type { Timer } from '../clock.js';
import type { Operator } from '../operator/operator.js';
import { preferencesOf } from '../operator/preferences.js';
import type { Presence } from './presence.js';

const CHANNEL = 'realtime:auto-away';

type Relay =
  | { node: string; type: 'activity'; operatorId: string; at: number }
  | { node: string; type: 'chosen'; workspaceId: string; operatorId: string; status: 'online' | 'away' }
  | { node: string; type: 'idle'; operatorId: string; awayAfterMinutes: number };

interface Tracked {
  workspaceId: string;
  /** Connections on this node. */
  connections: number;
  idleMs: number;
  /** The away shown now is automatic: input brings them back. */
  auto: boolean;
  timer: Timer | undefined;
}

export class AutoAway {
  private readonly tracked = new Map<string, Tracked>();
  /** Last input of each operator, as every node has heard of it. */
  private readonly lastInput = new Map<string, number>();
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    private readonly ctx: Pick<Context, 'clock' | 'pubsub' | 'events' | 'db' | 'log'>,
    private readonly presence: Presence,
    private readonly node: string,
  ) {}

  async start(): Promise<void> {
    this.ctx.events.on('operator.preferences_changed', (e) => {
      this.setIdle(e.operatorId, e.awayAfterMinutes);
      this.relay({ node: this.node, type: 'idle', operatorId: e.operatorId, awayAfterMinutes: e.awayAfterMinutes });
    });
    this.unsubscribe = await this.ctx.pubsub.subscribe(CHANNEL, (_c, raw) => this.receive(raw));
  }

  async stop(): Promise<void> {
    for (const t of this.tracked.values()) this.ctx.clock.clearTimeout(t.timer);
    this.tracked.clear();
    await this.unsubscribe?.();
  }

  /** A console connected (after `presence.connect`). `operator.status` is the status they chose. */
  async connect(operator: Operator): Promise<void> {
    const known = this.tracked.get(operator.id);
    if (known) {
      known.connections++;
      return;
    }
    // Away now while the chosen status is online: the away was automatic (a reload within the grace period).
    const auto = this.presence.statusOf(operator.id) === 'away' && operator.status === 'online';
    const t: Tracked = { workspaceId: operator.workspaceId, connections: 1, idleMs: 0, auto, timer: undefined };
    this.tracked.set(operator.id, t);
    if (!this.lastInput.has(operator.id)) this.lastInput.set(operator.id, this.ctx.clock.now());
    const { awayAfterMinutes } = await preferencesOf(this.ctx as Context, operator);
    if (this.tracked.get(operator.id) === t) this.setIdle(operator.id, awayAfterMinutes);
  }

  disconnect(operatorId: string): void {
    const t = this.tracked.get(operatorId);
    if (!t || --t.connections > 0) return;
    this.ctx.clock.clearTimeout(t.timer);
    this.tracked.delete(operatorId);
  }

  /** Input in one of the operator's consoles. */
  activity(operator: Operator): void {
    const at = this.ctx.clock.now();
    this.input(operator.id, at);
    this.relay({ node: this.node, type: 'activity', operatorId: operator.id, at });
  }

  /** The operator chose a status (already stored and applied on this node). */
  chose(operator: Operator, status: 'online' | 'away'): void {
    this.applyChosen(operator.workspaceId, operator.id, status);
    this.relay({ node: this.node, type: 'chosen', workspaceId: operator.workspaceId, operatorId: operator.id, status });
  }

  private applyChosen(workspaceId: string, operatorId: string, status: 'online' | 'away'): void {
    const t = this.tracked.get(operatorId);
    if (t) t.auto = false;
    if (this.presence.connectedHere(operatorId)) this.presence.setStatus(workspaceId, operatorId, status);
    // Choosing is input too.
    this.input(operatorId, this.ctx.clock.now());
  }

  private input(operatorId: string, at: number): void {
    if ((this.lastInput.get(operatorId) ?? 0) < at) this.lastInput.set(operatorId, at);
    const t = this.tracked.get(operatorId);
    if (!t) return;
    if (t.auto) {
      t.auto = false;
      this.presence.setStatus(t.workspaceId, operatorId, 'online');
    }
    this.schedule(operatorId, t);
  }

  private setIdle(operatorId: string, minutes: number): void {
    const t = this.tracked.get(operatorId);
    if (!t) return;
    t.idleMs = minutes * 60_000;
    this.schedule(operatorId, t);
  }

  /** Checks again when the idle time would be up. */
  private schedule(operatorId: string, t: Tracked): void {
    this.ctx.clock.clearTimeout(t.timer);
    t.timer = undefined;
    if (t.idleMs <= 0 || t.auto) return;
    const due = (this.lastInput.get(operatorId) ?? this.ctx.clock.now()) + t.idleMs;
    t.timer = this.ctx.clock.setTimeout(() => this.check(operatorId), due - this.ctx.clock.now());
  }

  private check(operatorId: string): void {
    const t = this.tracked.get(operatorId);
    if (!t || t.auto || t.idleMs <= 0) return;
    const idle = this.ctx.clock.now() - (this.lastInput.get(operatorId) ?? 0);
    if (idle < t.idleMs) {
      this.schedule(operatorId, t);
      return;
    }
    // Only an online operator goes away by themselves; a chosen Away is theirs.
    if (this.presence.statusOf(operatorId) !== 'online' || !this.presence.connectedHere(operatorId)) return;
    t.auto = true;
    this.presence.setStatus(t.workspaceId, operatorId, 'away');
  }

  private relay(r: Relay): void {
    this.ctx.pubsub.publish(CHANNEL, JSON.stringify(r)).catch((err) => this.ctx.log.warn({ err }, 'could not relay an operator’s activity'));
  }

  private receive(raw: string): void {
    let r: Relay;
    try {
      r = JSON.parse(raw) as Relay;
    } catch {
      return;
    }
    if (r.node === this.node) return;
    if (r.type === 'activity') this.input(r.operatorId, r.at);
    else if (r.type === 'chosen') this.applyChosen(r.workspaceId, r.operatorId, r.status);
    else this.setIdle(r.operatorId, r.awayAfterMinutes);
  }
}
