/** Row type of API tokens (migration 0023). */
export interface ApiTokenTable {
  id: string;
  workspace_id: string;
  /** Who created it: the token acts as them (see api-token.ts). */
  operator_id: string;
  name: string;
  /** SHA-256 of the token (ids.ts hashToken): the token itself is shown once and never stored. */
  token_hash: string;
  /** The token's first characters (`sb_` and 8 more), to tell tokens apart in the console. */
  prefix: string;
  /** JSON array of scopes, `<resource>:read` or `<resource>:write`. */
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

declare module '../db/tables.js' {
  interface Database {
    api_tokens: ApiTokenTable;
  }
}
