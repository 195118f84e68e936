/** Secrets the server makes for itself once, shared by every node through the database (never in an answer or a log). */
export interface ServerSecretTable {
  name: string;
  /** base64url. */
  value: string;
  created_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    server_secrets: ServerSecretTable;
  }
}
