import type { EscalationDto } from '@switchboard/protocol';
import type { Db } from '../db/database.js';
import type { ConversationEscalationRow } from './escalation.table.js';

export const presentEscalation = (r: ConversationEscalationRow): EscalationDto => ({
  id: r.id,
  conversationId: r.conversation_id,
  by: { kind: r.by_kind, id: r.by_id, name: r.by_name },
  fromTeamId: r.from_team_id,
  toTeamId: r.to_team_id,
  toOperatorId: r.to_operator_id,
  reason: r.reason,
  createdAt: Number(r.created_at),
});

export async function insertEscalation(db: Db, row: ConversationEscalationRow): Promise<void> {
  await db.insertInto('conversation_escalations').values(row).execute();
}

/** A conversation's escalations, oldest first. */
export async function listEscalations(db: Db, workspaceId: string, conversationId: string): Promise<ConversationEscalationRow[]> {
  return db
    .selectFrom('conversation_escalations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

export async function findTier2TeamId(db: Db, workspaceId: string): Promise<string | null> {
  const r = await db.selectFrom('escalation_settings').select('tier2_team_id').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return r?.tier2_team_id ?? null;
}

export async function saveTier2TeamId(db: Db, workspaceId: string, teamId: string | null, now: number): Promise<void> {
  await db
    .insertInto('escalation_settings')
    .values({ workspace_id: workspaceId, tier2_team_id: teamId, updated_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ tier2_team_id: teamId, updated_at: now }))
    .execute();
}
