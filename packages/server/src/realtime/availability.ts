/**
 * Whether the widget of an inbox should offer a chat: an operator on shift is
 * online on any node (away and offline operators are not, nor those off
 * shift), and the inbox's team is inside its business hours
 * (../hours/inbox-hours.ts). Each node works out the first from the operator
 * presence it already follows (presence.ts) and the workspace's operators
 * off shift (read once, kept until the next shift start or end); the hours
 * are read once per inbox and kept until the team's next opening or closing.
 * When a workspace's answer flips (the last operator went away, offline or
 * off shift, the first came back, a team opened or closed), each node hands
 * `availability` frames to its own visitor connections of that workspace
 * (the `widgets:<workspaceId>` room, joined at hello), each for its inbox.
 * Schedule changes reach every node on the `schedule` channel. Nothing is
 * published and nothing runs per visitor while nothing changes; visitors
 * connecting later learn it after `welcome`.
 */
import type { AvailabilityFrame } from '@switchboard/protocol';
import type { Clock } from '../clock.js';
import type { HoursLook } from '../hours/inbox-hours.js';
import type { PubSub } from '../pubsub/pubsub.js';
import type { Connection } from './connection.js';
import type { Presence } from './presence.js';
import { room, type Rooms } from './rooms.js';

/** Pub/sub channel on which a node says a workspace's team hours opened, closed or were changed. */
export const SCHEDULE_CHANNEL = 'schedule';

type HoursOf = (inbox: { id: string; workspaceId: string }) => Promise<HoursLook | null>;
type OffShiftOf = (workspaceId: string) => Promise<{ ids: Set<string>; until: number | null }>;

export class Availability {
  /** The answer each workspace's widgets were last told (or would have been): statuses change only through `changed`. */
  private readonly known = new Map<string, boolean>();
  /** Per inbox: its team's hours, and the workspace it is in. */
  private readonly hours = new Map<string, { workspaceId: string; look: HoursLook | null }>();
  /** Per workspace: its operators off shift, until the earliest next shift change. */
  private readonly offShift = new Map<string, { ids: Set<string>; until: number | null }>();
  private unsubscribe: Promise<() => Promise<void>> | null = null;

  constructor(
    private readonly presence: Pick<Presence, 'anyOnline'>,
    private readonly rooms: Pick<Rooms, 'localMembers'>,
    private readonly hoursOf: HoursOf = async () => null,
    private readonly clock: Pick<Clock, 'now'> = { now: () => Date.now() },
    private readonly offShiftOf: OffShiftOf = async () => ({ ids: new Set(), until: null }),
  ) {}

  async start(pubsub: PubSub): Promise<void> {
    this.unsubscribe = pubsub.subscribe(SCHEDULE_CHANNEL, (_c, raw) => {
      try {
        const { workspaceId, teamId } = JSON.parse(raw) as { workspaceId: string; teamId: string | null };
        void (teamId ? this.hoursChanged(workspaceId) : this.shiftsChanged(workspaceId));
      } catch {
        // Not ours.
      }
    });
    await this.unsubscribe;
  }

  async stop(): Promise<void> {
    await (await this.unsubscribe)?.();
  }

  /** An operator of the workspace on shift is online (asked at every visitor's hello and session). */
  available(workspaceId: string): boolean {
    let known = this.known.get(workspaceId);
    if (known === undefined) {
      known = this.onlineNow(workspaceId);
      this.known.set(workspaceId, known);
    }
    return known;
  }

  /** What an inbox's widget is told: at hello, in the session answer, and on each change. */
  async frame(inbox: { id: string; workspaceId: string }): Promise<AvailabilityFrame> {
    const kept = this.offShift.get(inbox.workspaceId);
    if (!kept || (kept.until !== null && this.clock.now() >= kept.until)) await this.shiftsChanged(inbox.workspaceId);
    return this.frameOf(inbox.workspaceId, await this.lookOf(inbox));
  }

  /** An operator's shift started or ended, or shifts were saved: read who is off shift again, and tell widgets if that flips the answer. */
  async shiftsChanged(workspaceId: string): Promise<void> {
    this.offShift.set(workspaceId, await this.offShiftOf(workspaceId));
    this.changed(workspaceId);
  }

  /** An operator's status changed (on any node): this node's widgets of the workspace hear of it when the answer flipped. */
  changed(workspaceId: string): void {
    const now = this.onlineNow(workspaceId);
    if (this.known.get(workspaceId) === now) return;
    this.known.set(workspaceId, now);
    this.tell(workspaceId);
  }

  /** A team of the workspace opened or closed, or its hours were changed: read the inboxes' hours again and tell their widgets. */
  async hoursChanged(workspaceId: string): Promise<void> {
    const inboxes = new Set<string>();
    for (const [id, h] of this.hours) if (h.workspaceId === workspaceId) inboxes.add(id);
    for (const m of this.rooms.localMembers(room.widgets(workspaceId))) {
      const id = inboxOf(m);
      if (id) inboxes.add(id);
    }
    for (const id of inboxes) {
      this.hours.delete(id);
      await this.lookOf({ id, workspaceId });
    }
    this.tell(workspaceId);
  }

  private onlineNow(workspaceId: string): boolean {
    return this.presence.anyOnline(workspaceId, this.offShift.get(workspaceId)?.ids);
  }

  private async lookOf(inbox: { id: string; workspaceId: string }): Promise<HoursLook | null> {
    const kept = this.hours.get(inbox.id);
    if (kept && (kept.look?.until == null || this.clock.now() < kept.look.until)) return kept.look;
    const look = await this.hoursOf(inbox);
    this.hours.set(inbox.id, { workspaceId: inbox.workspaceId, look });
    return look;
  }

  private frameOf(workspaceId: string, look: HoursLook | null): AvailabilityFrame {
    const online = this.available(workspaceId);
    if (!look?.closed) return { type: 'availability', available: online };
    return { type: 'availability', available: false, closed: true, opensAt: look.opensAt, timeZone: look.timeZone };
  }

  /** Each local widget of the workspace, the frame of its inbox (one serialisation per inbox). */
  private tell(workspaceId: string): void {
    const frames = new Map<string, { frame: AvailabilityFrame; raw: string }>();
    for (const m of this.rooms.localMembers(room.widgets(workspaceId))) {
      const id = inboxOf(m) ?? '';
      let f = frames.get(id);
      if (!f) {
        const frame = this.frameOf(workspaceId, this.hours.get(id)?.look ?? null);
        f = { frame, raw: JSON.stringify(frame) };
        frames.set(id, f);
      }
      m.deliver(f.frame, f.raw);
    }
  }
}

const inboxOf = (m: object): string | null => {
  const identity = (m as Partial<Pick<Connection, 'identity'>>).identity;
  return identity?.kind === 'visitor' ? identity.visitor.inboxId : null;
};
