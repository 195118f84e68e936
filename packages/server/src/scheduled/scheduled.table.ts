/** Row type of the send-later feature (see migration 0008), added to Kysely's Database. */
import type { Selectable } from 'kysely';
import type { ScheduledStatus } from '@switchboard/protocol';

export interface ScheduledMessageTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  author_id: string;
  author_name: string;
  body: string;
  send_at: number;
  status: ScheduledStatus;
  error: string | null;
  message_seq: number | null;
  client_id: string | null;
  created_at: number;
  updated_at: number;
}

export type ScheduledMessageRow = Selectable<ScheduledMessageTable>;

declare module '../db/tables.js' {
  interface Database {
    scheduled_messages: ScheduledMessageTable;
  }
}
