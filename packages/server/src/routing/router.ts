/**
 * Routing on this node: drains a team's queue when something may let it move
 * (a conversation joins it, an operator frees capacity, comes online, or their
 * shift starts), re-queues through durable jobs, and keeps waiting visitors
 * told. Drains of one team on this node are folded together (one runs, the
 * next starts once after it); across nodes assignNext's locks keep it right.
 */
import type { Context } from '../context.js';
import { summarize } from '../conversation/conversation.service.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import type { MessageDto } from '@switchboard/protocol';
import type { Presence } from '../realtime/presence.js';
import { room, type Rooms } from '../realtime/rooms.js';
import { assignNext } from './assign-next.js';
import type { QueuePositions } from './queue-positions.js';
import { openTeamConversations, requeueConversation } from './requeue.js';

export class Router {
  private readonly draining = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(
    private readonly ctx: Context,
    private readonly presence: Pick<Presence, 'statusOf'>,
    private readonly rooms: Pick<Rooms, 'publish'>,
    readonly positions: QueuePositions,
  ) {}

  /** Hands out the head of the team's queue while an eligible member has room, then tells the queue where it stands. */
  drain(workspaceId: string, teamId: string): Promise<void> {
    const busy = this.draining.get(teamId);
    if (busy) {
      busy.again = true;
      return busy.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          for (;;) {
            const r = await assignNext(this.ctx, { workspaceId, teamId, isOnline: (id) => this.presence.statusOf(id) === 'online' });
            if (r.outcome !== 'assigned') break;
            await this.announce(r.conversation, r.message);
          }
        } while (state.again);
      } finally {
        this.draining.delete(teamId);
      }
      await this.positions.changed(workspaceId, teamId);
    })();
    this.draining.set(teamId, state);
    return state.done;
  }

  /** The operator may have room now (a conversation of theirs ended, their capacity rose, they came online): each of their teams that routes by itself drains. */
  async freed(workspaceId: string, operatorId: string): Promise<void> {
    const teams = await this.ctx.db
      .selectFrom('team_members as m')
      .innerJoin('teams as t', 't.id', 'm.team_id')
      .select('t.id')
      .where('m.workspace_id', '=', workspaceId)
      .where('m.operator_id', '=', operatorId)
      .where('t.assignment_mode', '!=', 'manual')
      .execute();
    await Promise.all(teams.map((t) => this.drain(workspaceId, t.id)));
  }

  /**
   * Announces a change routing made, like any command's: consoles and the
   * visitor hear of it. `previousAssigneeId`: whom it was taken back from
   * (a re-queue), so their console is told too even when they are not in its team.
   */
  async announce(row: ConversationRow, message: MessageDto, previousAssigneeId?: string): Promise<void> {
    const conversation = await summarize(this.ctx, row);
    const previous = previousAssigneeId ? { previous: { teamId: row.team_id, assigneeId: previousAssigneeId } } : {};
    this.ctx.events.emit({ type: 'message.created', workspaceId: row.workspace_id, visitorId: row.visitor_id, message, conversation, ...previous });
  }

  /** The visitor's conversation left the queue (an operator has it): their widget stops showing a position. */
  left(visitorId: string, conversationId: string): void {
    this.rooms.publish(room.visitor(visitorId), { type: 'queue', conversationId, position: null, waitSeconds: null }).catch(() => {});
  }

  /** The operator has been offline past the grace period: their open team conversations go back to the head of the queue. */
  async operatorOffline(workspaceId: string, operatorId: string): Promise<void> {
    if (this.presence.statusOf(operatorId) !== 'offline') return;
    const teams = new Set<string>();
    for (const id of await openTeamConversations(this.ctx.db, workspaceId, operatorId)) {
      const done = await this.ctx.db
        .transaction()
        .execute((trx) => requeueConversation(this.ctx, trx, { workspaceId, conversationId: id, operatorId, reason: 'offline' }));
      if (!done) continue;
      await this.announce(done.conversation, done.message, operatorId);
      if (done.conversation.team_id) teams.add(done.conversation.team_id);
    }
    await Promise.all([...teams].map((t) => this.drain(workspaceId, t)));
  }
}
