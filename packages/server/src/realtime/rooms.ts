/**
 * Rooms named after entities (`conversation:<id>`, `visitor:<id>`,
 * `operators:<workspaceId>`), joined only after authentication;
 * conversation summaries go to the rooms of who may see them (feed.ts):
 * `team:<teamId>`, `operators-unteamed:<workspaceId>`, `operator:<id>` (the
 * assignee) and `operators-all:<workspaceId>` (owners and admins);
 * `conversation-team:<id>` is the operators-only side of a conversation
 * (notes, viewers, drafts), which no visitor connection ever joins;
 * `widgets:<workspaceId>` holds the visitor connections of a workspace, told
 * (by each node itself) when operators' availability changes. Each node
 * subscribes a room's pub/sub channel while at least one local connection is
 * in it; a frame published to the room is parsed once per node and handed to
 * every local member.
 */
import { packedId, packedUpdatedAt, type ServerFrame } from '@switchboard/protocol';
import type { PubSub } from '../pubsub/pubsub.js';

export interface RoomMember {
  deliver(frame: ServerFrame, raw: string): void;
  /** Writes an already serialised frame as is. */
  write(raw: string | Buffer): void;
}

interface Room {
  members: Set<RoomMember>;
  ready: Promise<() => Promise<void>>;
  /**
   * Conversation summaries waiting for the room's next batch, latest per
   * conversation, each already serialised: a flush only joins strings, so it
   * never holds the event loop for long however busy the workspace.
   */
  summaries: Map<string, { updatedAt: number; json: string }> | null;
}

/** Conversation summaries reach a room at most once per conversation per interval. */
const SUMMARY_FLUSH_MS = 100;

export const room = {
  conversation: (id: string) => `conversation:${id}`,
  visitor: (id: string) => `visitor:${id}`,
  /** What every operator of the workspace hears that is about no conversation: presence, labels, contacts. */
  operators: (workspaceId: string) => `operators:${workspaceId}`,
  operator: (id: string) => `operator:${id}`,
  /** Summaries of a team's conversations, to its members' consoles. */
  teamFeed: (teamId: string) => `team:${teamId}`,
  /** Summaries of conversations of no team, to every console of the workspace. */
  unteamed: (workspaceId: string) => `operators-unteamed:${workspaceId}`,
  /** Every summary of the workspace, to owners' and admins' consoles. */
  allConversations: (workspaceId: string) => `operators-all:${workspaceId}`,
  /** Operators following the conversation, never its visitor: private notes, who is viewing, the visitor's draft. */
  team: (conversationId: string) => `conversation-team:${conversationId}`,
  /** Every visitor connection of the workspace: whether an operator is available (frames handed out locally only). */
  widgets: (workspaceId: string) => `widgets:${workspaceId}`,
};

export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly dirty = new Set<Room>();
  private readonly flusher: ReturnType<typeof setInterval>;
  private last: { raw: string; frame: ServerFrame } | null = null;

  constructor(
    private readonly pubsub: PubSub,
    private readonly onError: (err: unknown) => void,
  ) {
    // Busy workspaces change hundreds of conversations a second; inbox views need a
    // fresh list, not every step. Each batch is serialised once for all members.
    this.flusher = setInterval(() => this.flushSummaries(), SUMMARY_FLUSH_MS);
    this.flusher.unref();
  }

  close(): void {
    clearInterval(this.flusher);
    this.flushSummaries();
  }

  private flushSummaries(): void {
    for (const r of this.dirty) {
      const list = r.summaries;
      r.summaries = null;
      if (!list || list.size === 0) continue;
      // Encoded once for every member: batches can be large and go to every console.
      const raw = Buffer.from(`{"type":"conversations","conversations":[${[...list.values()].map((s) => s.json).join(',')}]}`);
      for (const m of r.members) m.write(raw);
    }
    this.dirty.clear();
  }

  /** Resolves once the room's channel is subscribed, so no later publish is missed. */
  async join(name: string, member: RoomMember): Promise<void> {
    let r = this.rooms.get(name);
    if (!r) {
      r = { members: new Set(), ready: this.pubsub.subscribe(name, (_c, raw) => this.dispatch(name, raw)), summaries: null };
      this.rooms.set(name, r);
    }
    r.members.add(member);
    await r.ready;
  }

  leave(name: string, member: RoomMember): void {
    const r = this.rooms.get(name);
    if (!r?.members.delete(member) || r.members.size > 0) return;
    this.rooms.delete(name);
    this.dirty.delete(r);
    r.ready.then((unsubscribe) => unsubscribe()).catch(this.onError);
  }

  has(name: string, member: RoomMember): boolean {
    return this.rooms.get(name)?.members.has(member) ?? false;
  }

  publish(name: string, frame: ServerFrame): Promise<void> {
    const raw = JSON.stringify(frame);
    // In-process pub/sub delivers synchronously: the frame need not be parsed back.
    this.last = { raw, frame };
    const done = this.pubsub.publish(name, raw);
    this.last = null;
    return done;
  }

  /**
   * Hands a frame to this node's members of a room only, without pub/sub: for
   * state each node works out for itself from what every node announces (who
   * is viewing a conversation).
   */
  deliverLocal(name: string, frame: ServerFrame): void {
    const r = this.rooms.get(name);
    if (!r) return;
    const raw = JSON.stringify(frame);
    for (const m of r.members) m.deliver(frame, raw);
  }

  /** This node's members of a room (none when it has none). */
  localMembers(name: string): Iterable<RoomMember> {
    return this.rooms.get(name)?.members ?? [];
  }

  get size(): number {
    return this.rooms.size;
  }

  private dispatch(name: string, raw: string): void {
    const r = this.rooms.get(name);
    if (!r) return;
    let frame: ServerFrame;
    if (this.last?.raw === raw) frame = this.last.frame;
    else {
      try {
        frame = JSON.parse(raw) as ServerFrame;
      } catch (err) {
        this.onError(err);
        return;
      }
    }
    if (frame.type === 'conversations') {
      r.summaries ??= new Map();
      for (const c of frame.conversations) {
        const id = packedId(c);
        const updatedAt = packedUpdatedAt(c);
        const known = r.summaries.get(id);
        if (!known || known.updatedAt <= updatedAt) r.summaries.set(id, { updatedAt, json: JSON.stringify(c) });
      }
      this.dirty.add(r);
      return;
    }
    for (const m of r.members) m.deliver(frame, raw);
  }
}
