import type { Kysely } from 'kysely';

/**
 * Intents (G2): the versions of each workspace's intent model (one active),
 * the training runs with their progress, each inbox's routing by intent (on
 * or off, label -> team), and the intent decided for each new conversation
 * (pending while an inbox that routes by intent holds it out of the queue).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('intent_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    // JSON [{ labelId, name, examples }]: the labels it predicts
    .addColumn('labels', 'text', (c) => c.notNull())
    // JSON [{ labelId, name, examples }]: labels left out for too few examples
    .addColumn('skipped', 'text', (c) => c.notNull())
    .addColumn('example_count', 'integer', (c) => c.notNull())
    .addColumn('accuracy', 'real')
    .addColumn('threshold', 'real', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // The assist engine's saved model (IntentModel.save)
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('intent_models_version').on('intent_models').columns(['workspace_id', 'version']).unique().execute();
  await db.schema
    .createTable('intent_trainings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    // 'queued' | 'running' | 'done' | 'failed'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text')
    // 0-100
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('model_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('intent_trainings_list').on('intent_trainings').columns(['workspace_id', 'created_at']).execute();
  await db.schema
    .createTable('intent_routing')
    .addColumn('inbox_id', 'text', (c) => c.primaryKey().references('inboxes.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    // JSON [{ labelId, teamId }]
    .addColumn('routes', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('conversation_intents')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    // 'pending' (held out of the queue for the decision) | 'decided'
    .addColumn('status', 'text', (c) => c.notNull())
    // Whether the inbox routed by intent when the conversation started
    .addColumn('routing', 'integer', (c) => c.notNull())
    .addColumn('model_id', 'text')
    .addColumn('model_version', 'integer')
    .addColumn('label_id', 'text')
    .addColumn('label_name', 'text')
    .addColumn('confidence', 'real')
    .addColumn('routed_team_id', 'text')
    .addColumn('routed_team_name', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['conversation_intents', 'intent_routing', 'intent_trainings', 'intent_models']) await db.schema.dropTable(t).execute();
}
