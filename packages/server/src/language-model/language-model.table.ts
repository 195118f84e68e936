/** Row type of the workspace's language model settings, added to Kysely's Database (migration 0042). */
export interface LanguageModelSettingsTable {
  workspace_id: string;
  endpoint_url: string;
  model: string;
  /** Sealed with the server key (secrets/secret-box.ts); null: no key. Never the key itself. */
  api_key_sealed: string | null;
  timeout_ms: number;
  /** JSON: the tasks it may help with. */
  uses: string;
  /** 1: an admin allowed private, loopback and link-local addresses (a local server). */
  allow_private: number;
  created_at: number;
  updated_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    language_model_settings: LanguageModelSettingsTable;
  }
}
