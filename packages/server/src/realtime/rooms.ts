/**
 * Rooms named after entities (`conversation:<id>`, `visitor:<id>`,
 * `operators:<workspaceId>`), joined only after authentication. Each node
 * subscribes a room's pub/sub channel while at least one local connection is
 * in it; a frame published to the room is parsed once per node and handed to
 * every local member.
 */
import type { ServerFrame } from '@switchboard/protocol';
import type { PubSub } from '../pubsub/pubsub.js';

export interface RoomMember {
  deliver(frame: ServerFrame, raw: string): void;
}

interface Room {
  members: Set<RoomMember>;
  ready: Promise<() => Promise<void>>;
}

export const room = {
  conversation: (id: string) => `conversation:${id}`,
  visitor: (id: string) => `visitor:${id}`,
  operators: (workspaceId: string) => `operators:${workspaceId}`,
  operator: (id: string) => `operator:${id}`,
};

export class Rooms {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly pubsub: PubSub,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Resolves once the room's channel is subscribed, so no later publish is missed. */
  async join(name: string, member: RoomMember): Promise<void> {
    let r = this.rooms.get(name);
    if (!r) {
      r = { members: new Set(), ready: this.pubsub.subscribe(name, (_c, raw) => this.dispatch(name, raw)) };
      this.rooms.set(name, r);
    }
    r.members.add(member);
    await r.ready;
  }

  leave(name: string, member: RoomMember): void {
    const r = this.rooms.get(name);
    if (!r || !r.members.delete(member) || r.members.size > 0) return;
    this.rooms.delete(name);
    r.ready.then((unsubscribe) => unsubscribe()).catch(this.onError);
  }

  has(name: string, member: RoomMember): boolean {
    return this.rooms.get(name)?.members.has(member) ?? false;
  }

  publish(name: string, frame: ServerFrame): Promise<void> {
    return this.pubsub.publish(name, JSON.stringify(frame));
  }

  get size(): number {
    return this.rooms.size;
  }

  private dispatch(name: string, raw: string): void {
    const r = this.rooms.get(name);
    if (!r) return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(raw) as ServerFrame;
    } catch (err) {
      this.onError(err);
      return;
    }
    for (const m of r.members) m.deliver(frame, raw);
  }
}
