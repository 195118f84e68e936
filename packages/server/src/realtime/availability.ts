/**
 * Whether an operator of an inbox is available to chat: online on any node
 * (away and offline operators are not). An inbox's operators are its
 * workspace's today (inboxes route to teams later). Each node works it out
 * from the operator presence it already follows (presence.ts), and when a
 * workspace's answer flips (the last operator went away or offline, or the
 * first came back), it hands one `availability` frame to its own visitor
 * connections of that workspace (the `widgets:<workspaceId>` room, joined at
 * hello). Nothing is published and nothing runs per visitor while nobody's
 * status changes; visitors connecting later learn it after `welcome`.
 */
import type { Presence } from './presence.js';
import { room, type Rooms } from './rooms.js';

export class Availability {
  /** The answer each workspace's widgets were last told (or would have been): statuses change only through `changed`. */
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly presence: Pick<Presence, 'anyOnline'>,
    private readonly rooms: Pick<Rooms, 'deliverLocal'>,
  ) {}

  /** Asked at every visitor's hello and session: kept per workspace, and worked out again on each status change. */
  available(workspaceId: string): boolean {
    let known = this.known.get(workspaceId);
    if (known === undefined) {
      known = this.presence.anyOnline(workspaceId);
      this.known.set(workspaceId, known);
    }
    return known;
  }

  /** An operator's status changed (on any node): this node's widgets of the workspace hear of it when the answer flipped. */
  changed(workspaceId: string): void {
    const now = this.presence.anyOnline(workspaceId);
    if (this.known.get(workspaceId) === now) return;
    this.known.set(workspaceId, now);
    this.rooms.deliverLocal(room.widgets(workspaceId), { type: 'availability', available: now });
  }
}
