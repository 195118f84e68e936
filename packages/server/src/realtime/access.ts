/**
 * Live connections follow the operator's access, on every node: signing out
 * ends that session's connections, disabling an operator ends all of theirs,
 * a new name, role or team applies at once (the connection hears what it may
 * see now, visibility-follow.ts), and a connection closes when its session
 * expires. Each node handles the domain event itself and relays it to the
 * others on a pub/sub channel of its own: not a room, so no client ever
 * receives it.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../context.js';
import type { EventOf } from '../events/events.js';
import { findOperator, toOperator } from '../operator/operator.repository.js';
import { findSession } from '../operator/session.repository.js';
import { teamIdsOf } from '../team/team.repository.js';
import type { Connection } from './connection.js';
import type { RealtimeDeps } from './handlers/types.js';
import { retarget } from './visibility-follow.js';

type AccessEvent = EventOf<'session.ended'> | EventOf<'operator.access_changed'>;

const CHANNEL = 'realtime:access';

/** How often idle connections are checked for an expired session (frames are checked as they come). */
export const SESSION_CHECK_MS = 1000;

/** Subscribes to the access events; resolves with the function that stops following them. */
export async function followAccess(ctx: Context, connections: Set<Connection>, deps: Pick<RealtimeDeps, 'rooms' | 'viewers'>): Promise<() => Promise<void>> {
  const node = randomUUID();
  const apply = (event: AccessEvent) => {
    if (event.type === 'session.ended') endSession(connections, event.sessionId);
    else recheckOperator(ctx, connections, event, deps);
  };
  const relay = (event: AccessEvent) => {
    // Here first, synchronously: once the sign-out answers, this node handles no frame of that session.
    apply(event);
    ctx.pubsub.publish(CHANNEL, JSON.stringify({ node, event })).catch((err) => ctx.log.error({ err }, 'could not relay an access change'));
  };
  ctx.events.on('session.ended', relay);
  ctx.events.on('operator.access_changed', relay);
  return ctx.pubsub.subscribe(CHANNEL, (_channel, raw) => {
    let msg: { node: string; event: AccessEvent };
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (msg.node !== node) apply(msg.event);
  });
}

/** Closes the connection if its session has expired by the injectable clock (`ctx.now`). */
export function closeIfExpired(conn: Connection, now: number): void {
  if (conn.identity?.kind === 'operator' && now >= conn.identity.expiresAt) conn.refuse('unauthorized', 'Your session has expired; sign in again');
}

function endSession(connections: Set<Connection>, sessionId: string): void {
  for (const conn of connections) {
    if (conn.identity?.kind === 'operator' && conn.identity.sessionId === sessionId) conn.refuse('unauthorized', 'You signed out');
  }
}

/**
 * Reads the operator and each connection's session again. Until that is done
 * their connections handle no frame (the gate), so nothing is done with the
 * old role or name once the change is stored. A failed check closes them:
 * their clients reconnect and sign in again, checked afresh.
 */
function recheckOperator(
  ctx: Context,
  connections: Set<Connection>,
  e: EventOf<'operator.access_changed'>,
  deps: Pick<RealtimeDeps, 'rooms' | 'viewers'>,
): void {
  const mine = [...connections].filter((c) => c.identity?.kind === 'operator' && c.identity.operator.id === e.operatorId && c.open);
  if (mine.length === 0) return;
  // After any check still running for them, so the latest change is the one that stays.
  const check = Promise.all(mine.map((c) => c.gate)).then(async () => {
    const row = await findOperator(ctx.db, e.workspaceId, e.operatorId);
    // Their teams too: team membership changes come as access changes (team.service.ts).
    const teamIds = row ? await teamIdsOf(ctx.db, e.workspaceId, e.operatorId) : [];
    for (const conn of mine) {
      const id = conn.identity;
      if (id?.kind !== 'operator') continue;
      const session = row && row.disabled_at === null ? await findSession(ctx.db, id.sessionId) : undefined;
      if (!row || row.disabled_at !== null) conn.refuse('unauthorized', 'This account is disabled');
      else if (!session || session.expires_at <= ctx.now()) conn.refuse('unauthorized', 'Your session has ended; sign in again');
      else await retarget(ctx, deps, conn, toOperator(row), teamIds);
    }
  });
  const gate = check.catch((err) => {
    ctx.log.error({ err }, 'could not check an operator’s access again');
    for (const conn of mine) conn.refuse('server_error', 'Your access changed; reconnecting');
  });
  for (const conn of mine) {
    conn.gate = gate;
    void gate.then(() => {
      if (conn.gate === gate) conn.gate = null;
    });
  }
}
