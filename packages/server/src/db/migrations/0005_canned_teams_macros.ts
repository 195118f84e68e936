import type { Kysely } from 'kysely';

/**
 * Teams (a name and member operators), canned responses (personal, team or
 * workspace) and macros (personal or workspace). Each list query has its
 * index: a workspace's teams by name, an operator's teams, a workspace's
 * canned responses by shortcut, by owner and by team, its macros by scope
 * and owner. A team's memberships and canned responses go with it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('teams_workspace_name').on('teams').columns(['workspace_id', 'name']).execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'operator_id'])
    .execute();
  await db.schema.createIndex('team_members_operator').on('team_members').columns(['workspace_id', 'operator_id']).execute();

  await db.schema
    .createTable('canned_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('operators.id'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('shortcut', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // By shortcut: a workspace's list in order, and the clash check; by owner and by team: personal and team lists.
  await db.schema.createIndex('canned_responses_shortcut').on('canned_responses').columns(['workspace_id', 'shortcut']).execute();
  await db.schema.createIndex('canned_responses_owner').on('canned_responses').columns(['workspace_id', 'owner_id']).execute();
  await db.schema.createIndex('canned_responses_team').on('canned_responses').columns(['team_id']).execute();

  await db.schema
    .createTable('macros')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('operators.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** JSON array of { kind, input }. */
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('macros_scope').on('macros').columns(['workspace_id', 'scope', 'owner_id', 'name']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['macros', 'canned_responses', 'team_members', 'teams']) await db.schema.dropTable(t).execute();
}
