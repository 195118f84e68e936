/**
 * Following what an operator may see, live (policy/visibility.ts): when a
 * conversation moves to another team or assignee, the connections following
 * it whose operator may no longer see it stop following it (no more
 * messages, notes, typing); when an operator's role or teams change, their
 * connections move to the summary rooms of what they may see now (feed.ts).
 * A move is handled on every node: relayed on a pub/sub channel of its own,
 * never a room, so no client receives it.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../context.js';
import type { EventOf } from '../events/events.js';
import type { Operator } from '../operator/operator.js';
import { mayViewConversation } from '../policy/visibility.js';
import { findConversations } from '../conversation/conversation.repository.js';
import type { Connection } from './connection.js';
import { feedRooms } from './feed.js';
import { connectionViewer, stopFollowing } from './handlers/subscribe.js';
import type { RealtimeDeps } from './handlers/types.js';

const CHANNEL = 'realtime:moved';

type Deps = Pick<RealtimeDeps, 'rooms' | 'viewers'>;

interface Moved {
  workspaceId: string;
  conversationId: string;
  teamId: string | null;
  assigneeId: string | null;
}

const MOVED_AWAY = 'This conversation moved out of what you may see';

/** Subscribes to moves; resolves with the function that stops following them. */
export async function followMoves(ctx: Context, deps: Deps, connections: Set<Connection>): Promise<() => Promise<void>> {
  const node = randomUUID();
  const apply = (m: Moved) => {
    for (const conn of connections) {
      const id = conn.identity;
      if (id?.kind !== 'operator' || id.operator.workspaceId !== m.workspaceId || !conn.subs.has(m.conversationId)) continue;
      if (mayViewConversation(connectionViewer(id), m)) continue;
      stopFollowing(deps, conn, m.conversationId);
      conn.error('not_found', MOVED_AWAY);
    }
  };
  const relay = (e: EventOf<'conversation.updated'> | EventOf<'message.created'>) => {
    if (!e.previous) return;
    const m = { workspaceId: e.workspaceId, conversationId: e.conversation.id, teamId: e.conversation.teamId, assigneeId: e.conversation.assigneeId };
    apply(m);
    ctx.pubsub.publish(CHANNEL, JSON.stringify({ node, m })).catch((err) => ctx.log.error({ err }, 'could not relay a conversation move'));
  };
  ctx.events.on('conversation.updated', relay);
  ctx.events.on('message.created', relay);
  return ctx.pubsub.subscribe(CHANNEL, (_channel, raw) => {
    let msg: { node: string; m: Moved };
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (msg.node !== node) apply(msg.m);
  });
}

/**
 * The operator's role or teams are these now: the connection leaves the
 * summary rooms it may no longer hear, joins the new ones, stops following
 * conversations it may no longer see, and tells the console (`access`).
 */
export async function retarget(ctx: Context, deps: Deps, conn: Connection, operator: Operator, teamIds: string[]): Promise<void> {
  const id = conn.identity;
  if (id?.kind !== 'operator') return;
  const before = feedRooms(operator.workspaceId, connectionViewer(id));
  const changed = id.operator.role !== operator.role || [...id.teamIds].sort().join() !== [...teamIds].sort().join();
  id.operator = operator;
  id.teamIds = teamIds;
  if (!changed) return;
  const after = feedRooms(operator.workspaceId, connectionViewer(id));
  for (const name of before.filter((n) => !after.includes(n))) {
    conn.rooms.delete(name);
    deps.rooms.leave(name, conn);
  }
  for (const name of after.filter((n) => !before.includes(n))) {
    conn.rooms.add(name);
    await deps.rooms.join(name, conn);
  }
  const viewer = connectionViewer(id);
  for (const row of await findConversations(ctx.db, operator.workspaceId, [...conn.subs.keys()])) {
    if (mayViewConversation(viewer, row)) continue;
    stopFollowing(deps, conn, row.id);
    conn.error('not_found', MOVED_AWAY);
  }
  conn.send({ type: 'access', role: operator.role, teamIds });
}
