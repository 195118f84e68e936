import type { Kysely } from 'kysely';

/**
 * The virtual agent (G5): per inbox, off by default. Its settings live here;
 * while it is on, the inbox has a bot (a `bots` row with no webhook endpoint
 * and no usable token, `bot_id`) that start-conversation gives new
 * conversations to, as for an agent bot.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('virtual_agents')
    .addColumn('inbox_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('max_turns', 'integer', (c) => c.notNull())
    .addColumn('threshold', 'real', (c) => c.notNull())
    // The bots row while it is on; null while off.
    .addColumn('bot_id', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('virtual_agents_bot').on('virtual_agents').column('bot_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('virtual_agents').execute();
}
