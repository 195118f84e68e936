/** Row type of the relay secrets (migration 0027), added to Kysely's Database. */
export interface EmailRelaySecretsTable {
  workspace_id: string;
  /** SHA-256 (hex) of the `sbr_...` secret; the secret itself is never stored. */
  secret_hash: string;
  created_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    email_relay_secrets: EmailRelaySecretsTable;
  }
}
