/**
 * Routes an inbox to a team (its default team), for tests of business hours.
 * The column comes with the routing migration (0017); on a branch without it
 * the test adds it first. Once routing is merged this sets it through
 * routing's own setting.
 */
import { sql } from 'kysely';
import type { Db } from '../../packages/server/src/db/database.js';

export async function setInboxTeam(db: Db, inboxId: string, teamId: string | null): Promise<void> {
  try {
    await sql`alter table inboxes add column default_team_id text`.execute(db);
  } catch {
    // There already.
  }
  await sql`update inboxes set default_team_id = ${teamId} where id = ${inboxId}`.execute(db);
}
