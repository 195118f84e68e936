import type { Db } from '../db/database.js';
import './preferences.table.js';

/** Idle minutes before away, or undefined when the operator never chose (the default applies). */
export async function findAwayAfterMinutes(db: Db, workspaceId: string, operatorId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('operator_preferences')
    .select('away_after_minutes')
    .where('workspace_id', '=', workspaceId)
    .where('operator_id', '=', operatorId)
    .executeTakeFirst();
  return row ? Number(row.away_after_minutes) : undefined;
}

export async function saveAwayAfterMinutes(db: Db, workspaceId: string, operatorId: string, minutes: number, now: number): Promise<void> {
  await db
    .insertInto('operator_preferences')
    .values({ operator_id: operatorId, workspace_id: workspaceId, away_after_minutes: minutes, updated_at: now })
    .onConflict((oc) => oc.column('operator_id').doUpdateSet({ away_after_minutes: minutes, updated_at: now }))
    .execute();
}
