/** Row types of webhooks and bots, added to Kysely's Database (migration 0024). */
export interface WebhookSettingsTable {
  workspace_id: string;
  /** 1: an admin allowed targets on private, loopback and link-local addresses. */
  allow_private: number;
  updated_at: number;
}

export interface WebhookEndpointsTable {
  id: string;
  workspace_id: string;
  /** Set for a bot's own endpoint (not listed with the workspace's endpoints). */
  bot_id: string | null;
  url: string;
  description: string;
  /** JSON array of event types. */
  event_types: string;
  enabled: number;
  /** whsec_<base64>: signs every delivery; never in an answer but the one that made or rotated it. */
  secret: string;
  created_at: number;
  updated_at: number;
}

export interface WebhookDeliveriesTable {
  id: string;
  workspace_id: string;
  endpoint_id: string;
  event_type: string;
  /** The JSON body sent, exactly as signed. */
  payload: string;
  /** 'pending' | 'succeeded' | 'failed'. */
  state: string;
  attempts: number;
  next_attempt_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  endpoint_id: string;
  attempt: number;
  at: number;
  status_code: number | null;
  /** At most 2 KB of the answer. */
  response_body: string | null;
  duration_ms: number;
  error: string | null;
}

export interface BotsTable {
  id: string;
  workspace_id: string;
  inbox_id: string;
  name: string;
  /** SHA-256 of its sbb_ token. */
  token_hash: string;
  created_at: number;
}

/** A conversation a bot is handling: routing leaves it alone until `handed_over_at`. */
export interface BotConversationsTable {
  conversation_id: string;
  workspace_id: string;
  bot_id: string;
  started_at: number;
  handed_over_at: number | null;
}

declare module '../db/tables.js' {
  interface Database {
    webhook_settings: WebhookSettingsTable;
    webhook_endpoints: WebhookEndpointsTable;
    webhook_deliveries: WebhookDeliveriesTable;
    webhook_attempts: WebhookAttemptsTable;
    bots: BotsTable;
    bot_conversations: BotConversationsTable;
  }
}
