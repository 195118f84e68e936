/**
 * The reports' queries, each an aggregate over one indexed range:
 * purchase_attributions (workspace_id, purchased_at) and messages
 * (workspace_id, author_kind, created_at: migration 0046).
 */
import type { SalesGroupBy } from '@switchboard/protocol';
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { conversationScope, seesAllConversations, type Viewer } from '../policy/visibility.js';
import '../trigger/trigger.table.js';
import './purchase.table.js';
import { DAY_MS } from './sales.js';

/**
 * What a supervisor's reports count: the credits of conversations they may
 * see (their teams', of no team, or theirs) and the trigger-only ones (no
 * team); null: everything (owners and admins).
 */
function attributionScope(viewer: Viewer) {
  if (seesAllConversations(viewer.role)) return null;
  const teams = viewer.teamIds.length ? sql<SqlBool>` or team_id in (${sql.join(viewer.teamIds)})` : sql``;
  return sql<SqlBool>`(team_id is null or operator_id = ${viewer.id}${teams})`;
}

/** The same rule on the conversations (alias c) of the operator replies counted. */
function replyScope(viewer: Viewer) {
  const scope = conversationScope(viewer, 'c');
  // The helper ignores the builder it is given: its SQL names its table itself.
  return scope ? scope(undefined as never) : null;
}

const KEY = { operator: 'operator_id', team: 'team_id', inbox: 'inbox_id', trigger: 'trigger_id' } as const;

export interface KeyedSum {
  key: string | null;
  currency: string;
  purchases: number;
  minor: number;
}

export async function attributedSums(db: Db, viewer: Viewer, from: number, to: number, groupBy: SalesGroupBy): Promise<KeyedSum[]> {
  const col = KEY[groupBy];
  const scope = attributionScope(viewer);
  const rows = await db
    .selectFrom('purchase_attributions')
    .select([`${col} as key`, 'currency', (eb) => eb.fn.countAll<number>().as('purchases'), (eb) => eb.fn.sum<number>('value_minor').as('minor')])
    .where('workspace_id', '=', viewer.workspaceId)
    .where('purchased_at', '>=', from)
    .where('purchased_at', '<', to)
    .$if(scope !== null, (qb) => qb.where(scope as never))
    .groupBy([col, 'currency'])
    .execute();
  return rows.map((r) => ({ key: r.key, currency: r.currency, purchases: Number(r.purchases), minor: Number(r.minor) }));
}

/** Chats with an operator reply in the period, per group (null: in all). */
export async function repliedConversations(
  db: Db,
  viewer: Viewer,
  from: number,
  to: number,
  groupBy: SalesGroupBy | null,
): Promise<{ key: string | null; count: number }[]> {
  const scope = replyScope(viewer);
  const base = db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .where('m.workspace_id', '=', viewer.workspaceId)
    .$if(scope !== null, (qb) => qb.where(scope as never))
    .where('m.author_kind', '=', 'operator')
    .where('m.kind', '=', 'text')
    .where('m.created_at', '>=', from)
    .where('m.created_at', '<', to);
  const count = sql<number>`count(distinct m.conversation_id)`.as('count');
  let rows: { key: string | null; count: number }[];
  if (groupBy === null) rows = (await base.select([count]).execute()).map((r) => ({ key: null, count: r.count }));
  else if (groupBy === 'operator') rows = await base.select(['m.author_id as key', count]).groupBy('m.author_id').execute();
  else if (groupBy === 'trigger')
    rows = await base
      .leftJoin('trigger_impressions as ti', 'ti.conversation_id', 'm.conversation_id')
      .select(['ti.trigger_id as key', count])
      .groupBy('ti.trigger_id')
      .execute();
  else {
    const col = groupBy === 'team' ? 'c.team_id' : 'c.inbox_id';
    rows = await base
      .select([`${col} as key`, count])
      .groupBy(col)
      .execute();
  }
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

/** Conversations with an attributed purchase in the period, per group (null: in all). */
export async function convertedConversations(
  db: Db,
  viewer: Viewer,
  from: number,
  to: number,
  groupBy: SalesGroupBy | null,
): Promise<{ key: string | null; count: number }[]> {
  const scope = attributionScope(viewer);
  const base = db
    .selectFrom('purchase_attributions')
    .where('workspace_id', '=', viewer.workspaceId)
    .$if(scope !== null, (qb) => qb.where(scope as never))
    .where('purchased_at', '>=', from)
    .where('purchased_at', '<', to)
    .where('conversation_id', 'is not', null);
  const count = sql<number>`count(distinct conversation_id)`.as('count');
  if (groupBy === null) return (await base.select([count]).execute()).map((r) => ({ key: null, count: Number(r.count) }));
  const col = KEY[groupBy];
  const rows = await base
    .select([`${col} as key`, count])
    .groupBy(col)
    .execute();
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

export async function attributedSumsPerDay(db: Db, viewer: Viewer, from: number, to: number) {
  const scope = attributionScope(viewer);
  const day = sql<number>`purchased_at / ${sql.lit(DAY_MS)}`;
  const rows = await db
    .selectFrom('purchase_attributions')
    .select([day.as('day'), 'currency', (eb) => eb.fn.countAll<number>().as('purchases'), (eb) => eb.fn.sum<number>('value_minor').as('minor')])
    .where('workspace_id', '=', viewer.workspaceId)
    .where('purchased_at', '>=', from)
    .where('purchased_at', '<', to)
    .$if(scope !== null, (qb) => qb.where(scope as never))
    .groupBy([day, 'currency'])
    .execute();
  return rows.map((r) => ({ day: Number(r.day), currency: r.currency, purchases: Number(r.purchases), minor: Number(r.minor) }));
}

/** Conversations with an attributed purchase, per day of the purchase. */
export async function convertedPerDay(db: Db, viewer: Viewer, from: number, to: number) {
  const scope = attributionScope(viewer);
  const day = sql<number>`purchased_at / ${sql.lit(DAY_MS)}`;
  const rows = await db
    .selectFrom('purchase_attributions')
    .select([day.as('day'), sql<number>`count(distinct conversation_id)`.as('count')])
    .where('workspace_id', '=', viewer.workspaceId)
    .where('purchased_at', '>=', from)
    .where('purchased_at', '<', to)
    .where('conversation_id', 'is not', null)
    .$if(scope !== null, (qb) => qb.where(scope as never))
    .groupBy(day)
    .execute();
  return rows.map((r) => ({ day: Number(r.day), count: Number(r.count) }));
}

export async function repliedPerDay(db: Db, viewer: Viewer, from: number, to: number) {
  const scope = replyScope(viewer);
  const day = sql<number>`m.created_at / ${sql.lit(DAY_MS)}`;
  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select([day.as('day'), sql<number>`count(distinct m.conversation_id)`.as('count')])
    .where('m.workspace_id', '=', viewer.workspaceId)
    .where('m.author_kind', '=', 'operator')
    .where('m.kind', '=', 'text')
    .where('m.created_at', '>=', from)
    .where('m.created_at', '<', to)
    .$if(scope !== null, (qb) => qb.where(scope as never))
    .groupBy(day)
    .execute();
  return rows.map((r) => ({ day: Number(r.day), count: Number(r.count) }));
}

/** The names of the operators, teams, inboxes or triggers of the workspace with these ids. */
export async function groupNames(db: Db, workspaceId: string, groupBy: SalesGroupBy, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const table = ({ operator: 'operators', team: 'teams', inbox: 'inboxes', trigger: 'triggers' } as const)[groupBy];
  const rows = await db.selectFrom(table).select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
