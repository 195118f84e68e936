import type { Kysely } from 'kysely';

/**
 * Team-scoped visibility (policy/visibility.ts): the inbox views of an
 * operator read their teams' conversations along an index per team, newest
 * activity first; a contact remembers the operator who created it (they keep
 * seeing it whatever its conversations).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('conversations_view_team').on('conversations').columns(['workspace_id', 'team_id', 'status', 'updated_at', 'id']).execute();
  await db.schema.alterTable('contacts').addColumn('created_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contacts').dropColumn('created_by').execute();
  await db.schema.dropIndex('conversations_view_team').execute();
}
