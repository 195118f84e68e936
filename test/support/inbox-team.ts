/**
 * Routes an inbox to a team (its default team) straight in the database, for
 * tests of business hours that set it before any widget connects; the API
 * (PATCH /api/v1/inboxes/:id with defaultTeamId) also tells live widgets.
 */
import type { Db } from '../../packages/server/src/db/database.js';

export async function setInboxTeam(db: Db, inboxId: string, teamId: string | null): Promise<void> {
  await db.updateTable('inboxes').set({ default_team_id: teamId }).where('id', '=', inboxId).execute();
}
