/**
 * Storage behind Kysely's narrow Dialect interface: the same queries and
 * migrations run on SQLite (embedded default) and PostgreSQL (scale-out).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, type MigrationProvider, Migrator, PostgresDialect, sql, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { type Checkpointer, startCheckpointer } from './checkpointer.js';
import * as m0001 from './migrations/0001_initial.js';
import * as m0002 from './migrations/0002_conversation_list.js';
import * as m0003 from './migrations/0003_attachment_sweep.js';
import * as m0004 from './migrations/0004_jobs.js';
import * as m0005 from './migrations/0005_canned_teams_macros.js';
import * as m0006 from './migrations/0006_notes_mentions.js';
import * as m0007 from './migrations/0007_labels_snooze_merge.js';
import * as m0008 from './migrations/0008_scheduled_messages.js';
import * as m0009 from './migrations/0009_visitors_contacts.js';
import * as m0010 from './migrations/0010_contacts_crm.js';
import * as m0011 from './migrations/0011_widget_experience.js';
import * as m0012 from './migrations/0012_visits.js';
import * as m0013 from './migrations/0013_label_view_counts.js';
import * as m0014 from './migrations/0014_visitor_identity.js';
import * as m0015 from './migrations/0015_forms.js';
import * as m0016 from './migrations/0016_team_visibility.js';
import * as m0017 from './migrations/0017_routing.js';
import * as m0018 from './migrations/0018_hours_shifts.js';
import * as m0019 from './migrations/0019_transfer_escalation.js';
import * as m0020 from './migrations/0020_rules.js';
import * as m0021 from './migrations/0021_sla.js';
import * as m0022 from './migrations/0022_mood.js';
import * as m0023 from './migrations/0023_api_tokens.js';
import * as m0024 from './migrations/0024_webhooks.js';
import * as m0025 from './migrations/0025_email.js';
import * as m0026 from './migrations/0026_email_outbound.js';
import * as m0027 from './migrations/0027_email_inbound.js';
import * as m0028 from './migrations/0028_tasks.js';
import * as m0029 from './migrations/0029_visitor_events.js';
import * as m0030 from './migrations/0030_email_bounces.js';
import * as m0031 from './migrations/0031_privacy_sweeps.js';
import * as m0032 from './migrations/0032_knowledge_base.js';
import * as m0033 from './migrations/0033_search.js';
import * as m0034 from './migrations/0034_article_feedback.js';
import * as m0035 from './migrations/0035_search_articles.js';
import * as m0036 from './migrations/0036_content_gaps.js';
import * as m0037 from './migrations/0037_faq_drafts.js';
import * as m0038 from './migrations/0038_reply_suggestion_events.js';
import * as m0039 from './migrations/0039_intents.js';
import * as m0040 from './migrations/0040_conversation_summaries.js';
import * as m0041 from './migrations/0041_virtual_agent.js';
import * as m0042 from './migrations/0042_language_model.js';
import * as m0043 from './migrations/0043_commerce.js';
import * as m0044 from './migrations/0044_rich_messages.js';
import * as m0046 from './migrations/0046_sales.js';
import * as m0049 from './migrations/0049_mood_scores_by_message.js';
import type { Database } from './tables.js';

export type Db = Kysely<Database>;

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string; synchronous?: 'NORMAL' | 'FULL' }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface DatabaseHandle {
  db: Db;
  kind: 'sqlite' | 'postgres';
  /** The SQLite handle, for the synchronous message write path; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
}

const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_conversation_list': m0002,
  '0003_attachment_sweep': m0003,
  '0004_jobs': m0004,
  '0005_canned_teams_macros': m0005,
  '0006_notes_mentions': m0006,
  '0007_labels_snooze_merge': m0007,
  '0008_scheduled_messages': m0008,
  '0009_visitors_contacts': m0009,
  '0010_contacts_crm': m0010,
  '0011_widget_experience': m0011,
  '0012_visits': m0012,
  '0013_label_view_counts': m0013,
  '0014_visitor_identity': m0014,
  '0015_forms': m0015,
  '0016_team_visibility': m0016,
  '0017_routing': m0017,
  '0018_hours_shifts': m0018,
  '0019_transfer_escalation': m0019,
  '0020_rules': m0020,
  '0021_sla': m0021,
  '0022_mood': m0022,
  '0023_api_tokens': m0023,
  '0024_webhooks': m0024,
  '0025_email': m0025,
  '0026_email_outbound': m0026,
  '0027_email_inbound': m0027,
  '0028_tasks': m0028,
  '0029_visitor_events': m0029,
  '0030_email_bounces': m0030,
  '0031_privacy_sweeps': m0031,
  '0032_knowledge_base': m0032,
  '0033_search': m0033,
  '0034_article_feedback': m0034,
  '0035_search_articles': m0035,
  '0036_content_gaps': m0036,
  '0037_faq_drafts': m0037,
  '0038_reply_suggestion_events': m0038,
  '0039_intents': m0039,
  '0040_conversation_summaries': m0040,
  '0041_virtual_agent': m0041,
  '0042_language_model': m0042,
  '0043_commerce': m0043,
  '0044_rich_messages': m0044,
  '0046_sales': m0046,
  '0049_mood_scores_by_message': m0049,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// BIGINT columns hold epoch milliseconds and sequence numbers: safe as JS numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Kysely prepares every query anew; preparing is a large share of a small
 * query's cost on SQLite. Queries are built from a fixed set of shapes, so
 * their prepared statements are kept and reused (bounded, oldest dropped first).
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) return stmt as unknown as ReturnType<SqliteDatabase['prepare']>;
      stmt = sqlite.prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(sql, stmt);
      return stmt as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    // First, so that every later step waits for a lock another process holds instead of failing.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash (every commit is in the WAL before the ack);
    // FULL also survives power loss, at the cost of an fsync per commit.
    sqlite.pragma(`synchronous = ${config.synchronous ?? 'NORMAL'}`);
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    let checkpointer: Checkpointer | null = null;
    if (config.file !== ':memory:') {
      sqlite.pragma('wal_autocheckpoint = 0');
      // A log that once grew large is cut back to 64 MiB when it starts over.
      sqlite.pragma('journal_size_limit = 67108864');
      checkpointer = startCheckpointer(sqlite, config.file, () => {
        // A failed background checkpoint costs nothing but WAL size; checkpoints resume next time.
      });
    }
    return {
      db,
      kind: 'sqlite',
      sqlite,
      close: async () => {
        await db.destroy();
        await checkpointer?.stop();
      },
      ping: async () => {
        sqlite.prepare('select 1').get();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  if (config.schema) await pool.query(`create schema if not exists "${config.schema.replace(/"/g, '')}"`);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    sqlite: null,
    close: () => db.destroy(),
    ping: async () => {
      await pool.query('select 1');
    },
  };
}

/**
 * Brings the schema up to date. Several processes may start together on one
 * database: PostgreSQL serialises them with Kysely's migration lock; on SQLite
 * the whole migration runs under an immediate (write-locked) transaction, so a
 * second process waits, then finds nothing left to do.
 */
export async function migrate(db: Db, sqlite: SQLite.Database | null = null): Promise<void> {
  // PostgreSQL: Kysely looks for its migration tables in any schema unless told which, so a database
  // holding several schemas (one per node group, one per test run) would find another's and skip its own.
  const migrationTableSchema = sqlite ? undefined : (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s;
  const run = async (disableTransactions: boolean) => {
    const { error, results } = await new Migrator({
      db,
      provider,
      disableTransactions,
      migrationTableSchema,
      allowUnorderedMigrations: true,
    }).migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error || failed) throw new Error(`Migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  };
  if (!sqlite) return run(false);
  sqlite.exec('begin immediate');
  try {
    await run(true);
    sqlite.exec('commit');
  } catch (err) {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    throw err;
  }
}
