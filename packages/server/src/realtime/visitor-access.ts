/**
 * A visitor's live connection follows who they are: identified over HTTP (or
 * their verification ended when the inbox's identity secret was rotated),
 * the visitor's room brings an `identity` frame to each of their
 * connections, on every node. The connection then reads the visitor again
 * and stops following conversations it may no longer see, before it handles
 * its next frame (the check runs in its frame queue).
 */
import type { Context } from '../context.js';
import { findConversations } from '../conversation/conversation.repository.js';
import { type ConversationAccess, visitorMayAccess } from '../identity/access.js';
import { identityRequired } from '../identity/requirement.js';
import { findVisitor } from '../visitor/visitor.repository.js';
import { toVisitor } from '../visitor/visitor.service.js';
import type { Visitor } from '../visitor/visitor.js';
import type { Connection } from './connection.js';
import { room, type Rooms } from './rooms.js';

type VisitorIdentity = { kind: 'visitor'; visitor: Visitor };

/** Reads the visitor behind the connection again; false when they are gone. */
async function refresh(ctx: Context, identity: VisitorIdentity): Promise<boolean> {
  const row = await findVisitor(ctx.db, identity.visitor.workspaceId, identity.visitor.id);
  if (row) identity.visitor = toVisitor(row);
  return row !== undefined;
}

/** Whether the connection's visitor may follow this conversation, as they are now (they may have been identified since hello). */
export async function visitorMayFollow(ctx: Context, identity: VisitorIdentity, row: ConversationAccess): Promise<boolean> {
  if (visitorMayAccess(identity.visitor, row)) return true;
  return (await refresh(ctx, identity)) && visitorMayAccess(identity.visitor, row);
}

/** Whether the visitor may write (an inbox may require verified visitors); read again before refusing, in case they were verified since. */
export async function visitorMayWrite(ctx: Context, identity: VisitorIdentity): Promise<boolean> {
  const v = identity.visitor;
  if (v.verifiedContactId !== null || !(await identityRequired(ctx, v.workspaceId, v.inboxId))) return true;
  return (await refresh(ctx, identity)) && identity.visitor.verifiedContactId !== null;
}

export async function recheckVisitor(ctx: Context, rooms: Rooms, conn: Connection): Promise<void> {
  const identity = conn.identity;
  if (identity?.kind !== 'visitor' || !(await refresh(ctx, identity))) return;
  const followed = [...conn.subs.keys()];
  if (followed.length === 0) return;
  const rows = await findConversations(ctx.db, identity.visitor.workspaceId, followed);
  const allowed = new Set(rows.filter((r) => visitorMayAccess(identity.visitor, r)).map((r) => r.id));
  for (const id of followed) {
    if (allowed.has(id)) continue;
    conn.subs.delete(id);
    conn.rooms.delete(room.conversation(id));
    rooms.leave(room.conversation(id), conn);
  }
}
