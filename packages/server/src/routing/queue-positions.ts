/**
 * Tells waiting visitors where they stand. When a team's queue changes, the
 * node that changed it reads the queue once, in order, and publishes it as
 * one message on `routing:queue` (conversation and visitor ids, and the
 * estimate per place); every node then hands each of its own visitor
 * connections in the queue a `queue` frame with their position. One read
 * and one publish per change however long the queue, and changes that come
 * while a read is under way are folded into one more read.
 *
 * The estimate: the team's recent handling time (the average, from
 * assignment to resolution, of its last 20 resolved conversations; 5 minutes
 * while it has none) divided by the conversations its online members can
 * hold at once, times the position. Nobody online: no estimate.
 */
import type { Context } from '../context.js';
import type { Presence } from '../realtime/presence.js';
import { room, type Rooms } from '../realtime/rooms.js';
import { countAhead, queueOrder, recentHandlingMs, teamCandidates } from './queue.repository.js';
import { capacityOf } from './pick.js';
import { toTeamRouting } from './team-routing.js';

const CHANNEL = 'routing:queue';
/** Before a team has resolved anything. */
export const DEFAULT_HANDLING_MS = 5 * 60_000;

interface Published {
  teamId: string;
  /** Estimated wait per place in the queue, in ms; null: nobody online. */
  perPlaceMs: number | null;
  conversations: string[];
  visitors: string[];
}

export class QueuePositions {
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    private readonly ctx: Context,
    private readonly rooms: Pick<Rooms, 'deliverLocal'>,
    private readonly presence: Pick<Presence, 'statusOf'>,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.ctx.pubsub.subscribe(CHANNEL, (_c, raw) => this.receive(raw));
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
  }

  /** The team's queue changed: its visitors hear their new positions (coalesced per team). */
  changed(workspaceId: string, teamId: string): Promise<void> {
    const busy = this.running.get(teamId);
    if (busy) {
      busy.again = true;
      return busy.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.publish(workspaceId, teamId);
        } while (state.again);
      } finally {
        this.running.delete(teamId);
      }
    })();
    this.running.set(teamId, state);
    return state.done;
  }

  /** What one place in the queue waits, in ms (null: nobody online to take it). */
  async perPlaceMs(workspaceId: string, teamId: string): Promise<number | null> {
    const team = await this.ctx.db
      .selectFrom('teams')
      .select(['id', 'assignment_mode', 'default_capacity', 'answer_seconds'])
      .where('id', '=', teamId)
      .executeTakeFirst();
    if (!team) return null;
    const { defaultCapacity } = toTeamRouting(team);
    const online = (await teamCandidates(this.ctx.db, workspaceId, teamId)).filter((c) => this.presence.statusOf(c.id) === 'online');
    const slots = online.reduce((n, c) => n + capacityOf(c, defaultCapacity), 0);
    if (slots === 0) return null;
    return ((await recentHandlingMs(this.ctx.db, teamId)) ?? DEFAULT_HANDLING_MS) / slots;
  }

  private async publish(workspaceId: string, teamId: string): Promise<void> {
    const [order, perPlaceMs] = await Promise.all([queueOrder(this.ctx.db, teamId), this.perPlaceMs(workspaceId, teamId)]);
    const message: Published = { teamId, perPlaceMs, conversations: order.map((o) => o.id), visitors: order.map((o) => o.visitor_id) };
    await this.ctx.pubsub.publish(CHANNEL, JSON.stringify(message));
  }

  private receive(raw: string): void {
    let m: Published;
    try {
      m = JSON.parse(raw) as Published;
    } catch {
      return;
    }
    for (let i = 0; i < m.conversations.length; i++) {
      const visitorId = m.visitors[i];
      const conversationId = m.conversations[i];
      if (!visitorId || !conversationId) continue;
      this.rooms.deliverLocal(room.visitor(visitorId), { type: 'queue', conversationId, position: i + 1, waitSeconds: waitSeconds(i + 1, m.perPlaceMs) });
    }
  }

  /** A visitor connected: where their waiting conversations stand now. */
  async tell(visitorId: string, send: (frame: { type: 'queue'; conversationId: string; position: number; waitSeconds: number | null }) => void): Promise<void> {
    const rows = await this.ctx.db
      .selectFrom('conversations')
      .select(['id', 'workspace_id', 'team_id', 'requeued', 'priority', 'queued_at'])
      .where('visitor_id', '=', visitorId)
      .where('queued_at', 'is not', null)
      .where('assignee_id', 'is', null)
      .where('status', '=', 'open')
      .where('team_id', 'is not', null)
      .execute();
    for (const r of rows) {
      const position = (await countAhead(this.ctx.db, r)) + 1;
      const perPlace = await this.perPlaceMs(r.workspace_id, r.team_id as string);
      send({ type: 'queue', conversationId: r.id, position, waitSeconds: waitSeconds(position, perPlace) });
    }
  }
}

export const waitSeconds = (position: number, perPlaceMs: number | null): number | null =>
  perPlaceMs === null ? null : Math.round((position * perPlaceMs) / 1000);
