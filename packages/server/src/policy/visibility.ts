/**
 * Team-scoped visibility: which conversations, contacts and visitors an
 * operator may see, as one rule with two faces. `mayViewConversation` decides
 * for one row (routes, socket frames, realtime rooms); the `*Scope` helpers
 * put the same rule into the SQL of lists, counts, searches and exports.
 *
 * Owners and admins see everything. Supervisors and operators see the
 * conversations of the teams they are members of (a supervisor supervises
 * those), the ones assigned to them, and those of no team (workspace-wide,
 * so a workspace without teams works as before). A contact is visible with a
 * conversation the operator may see, with no conversation at all (a new
 * lead), or when they created it; a visitor with a visible conversation or
 * none. Something out of scope answers as not found, so ids leak nothing.
 */
import { type ConversationViewer, conversationVisibleTo, seesAllConversations } from '@switchboard/protocol';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Context } from '../context.js';
import type { Database } from '../db/tables.js';
import { notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { teamIdsOf } from '../team/team.repository.js';

/** An operator with the teams that decide what they see. */
export interface Viewer extends ConversationViewer {
  workspaceId: string;
}

export { seesAllConversations };

/** Loads the operator's teams (none needed for owners and admins). */
export async function viewerOf(ctx: Pick<Context, 'db'>, actor: Pick<Operator, 'id' | 'workspaceId' | 'role'>): Promise<Viewer> {
  const teamIds = seesAllConversations(actor.role) ? [] : await teamIdsOf(ctx.db, actor.workspaceId, actor.id);
  return { id: actor.id, workspaceId: actor.workspaceId, role: actor.role, teamIds };
}

/** The one predicate: a conversation row (or summary) of the viewer's workspace they may see. */
export function mayViewConversation(
  viewer: Viewer,
  conv:
    | { workspace_id: string; team_id: string | null; assignee_id: string | null }
    | { workspaceId?: string; teamId: string | null; assigneeId: string | null },
): boolean {
  const c = 'team_id' in conv ? { workspaceId: conv.workspace_id, teamId: conv.team_id, assigneeId: conv.assignee_id } : conv;
  if (c.workspaceId !== undefined && c.workspaceId !== viewer.workspaceId) return false;
  return conversationVisibleTo(viewer, c);
}

/** Throws not found (never forbidden) for a conversation out of the viewer's scope. */
export function ensureVisible<T extends { workspace_id: string; team_id: string | null; assignee_id: string | null }>(viewer: Viewer, row: T): T {
  if (!mayViewConversation(viewer, row)) throw notFound('Conversation');
  return row;
}

type Where = (eb: ExpressionBuilder<Database, 'conversations'>) => Expression<SqlBool>;

/**
 * The rule as a WHERE on `conversations` (or on the alias given), for lists,
 * counts and exports; null when the viewer sees everything (no condition).
 * The team and assignee indexes of migration 0016 serve it.
 */
export function conversationScope(viewer: Viewer, alias = 'conversations'): Where | null {
  if (seesAllConversations(viewer.role)) return null;
  return () => conversationCondition(viewer, alias);
}

function conversationCondition(viewer: Viewer, alias: string): Expression<SqlBool> {
  const team = sql.ref(`${alias}.team_id`);
  const assignee = sql.ref(`${alias}.assignee_id`);
  const teams = viewer.teamIds.length ? sql<SqlBool>` or ${team} in (${sql.join(viewer.teamIds)})` : sql``;
  return sql<SqlBool>`(${team} is null or ${assignee} = ${viewer.id}${teams})`;
}

/**
 * Contacts as a WHERE on `contacts`: with a conversation the viewer may see,
 * with no conversation at all, or created by the viewer. Null: everything.
 */
export function contactScope(viewer: Viewer): ((eb: ExpressionBuilder<Database, 'contacts'>) => Expression<SqlBool>) | null {
  if (seesAllConversations(viewer.role)) return null;
  return () =>
    sql<SqlBool>`(contacts.created_by = ${viewer.id}
      or not exists (select 1 from conversations sc where sc.contact_id = contacts.id)
      or exists (select 1 from conversations sc where sc.contact_id = contacts.id and ${conversationCondition(viewer, 'sc')}))`;
}

/** Whether the viewer may see one contact (the same rule, for one row). */
export async function mayViewContact(ctx: Pick<Context, 'db'>, viewer: Viewer, contact: { id: string; created_by: string | null }): Promise<boolean> {
  if (seesAllConversations(viewer.role) || contact.created_by === viewer.id) return true;
  const rows = await ctx.db.selectFrom('conversations').select(['workspace_id', 'team_id', 'assignee_id']).where('contact_id', '=', contact.id).execute();
  return rows.length === 0 || rows.some((r) => mayViewConversation(viewer, r));
}

/** Whether the viewer may see a visitor: with a conversation they may see, or none. */
export async function mayViewVisitor(ctx: Pick<Context, 'db'>, viewer: Viewer, visitorId: string): Promise<boolean> {
  if (seesAllConversations(viewer.role)) return true;
  const rows = await ctx.db.selectFrom('conversations').select(['workspace_id', 'team_id', 'assignee_id']).where('visitor_id', '=', visitorId).execute();
  return rows.length === 0 || rows.some((r) => mayViewConversation(viewer, r));
}

/** Of these visitors, the ones the viewer may not see (for the live Visitors list). */
export async function hiddenVisitors(ctx: Pick<Context, 'db'>, viewer: Viewer, visitorIds: string[]): Promise<Set<string>> {
  const hidden = new Set<string>();
  if (seesAllConversations(viewer.role) || visitorIds.length === 0) return hidden;
  const rows = await ctx.db
    .selectFrom('conversations')
    .select(['visitor_id', 'workspace_id', 'team_id', 'assignee_id'])
    .where('visitor_id', 'in', visitorIds)
    .execute();
  const seen = new Set<string>();
  for (const r of rows) {
    if (mayViewConversation(viewer, r)) seen.add(r.visitor_id);
    else hidden.add(r.visitor_id);
  }
  for (const id of seen) hidden.delete(id);
  return hidden;
}
