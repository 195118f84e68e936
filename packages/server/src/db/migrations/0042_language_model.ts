import type { Kysely } from 'kysely';

/**
 * The optional language model (G6): one per workspace, set by its admins. The
 * API key is stored sealed (AES-256-GCM, secrets/secret-box.ts), never plain.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('language_model_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('endpoint_url', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    // v1.<key id>.<iv>.<tag>.<ciphertext>, or null: no key (a local server)
    .addColumn('api_key_sealed', 'text')
    .addColumn('timeout_ms', 'integer', (c) => c.notNull())
    // JSON ['suggest' | 'summary' | 'agent']
    .addColumn('uses', 'text', (c) => c.notNull())
    .addColumn('allow_private', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('language_model_settings').execute();
}
