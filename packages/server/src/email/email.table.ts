import type { Generated } from 'kysely';

/** Row types of the email tables, added to Kysely's Database (migration 0025). */
export interface EmailSettingsTable {
  workspace_id: string;
  smtp_host: string | null;
  smtp_port: number | null;
  /** 'starttls' | 'tls' | 'none'. */
  smtp_security: string;
  smtp_user: string | null;
  /** Write-only: never in an answer or a log. */
  smtp_password: string | null;
  from_address: string | null;
  from_name: string | null;
  /** The domain of reply addresses (reply+<token>@<reply_domain>); its mail reaches the inbound listener or the relay. */
  reply_domain: string | null;
  /** How long a visitor who left has to see an operator's reply before it goes by mail. */
  unseen_delay_minutes: number;
  updated_at: number;
}

/** An inbox of kind 'email' and the address whose mail starts its conversations (lower case). */
export interface EmailInboxesTable {
  inbox_id: string;
  workspace_id: string;
  address: string;
  created_at: number;
}

/** The reply address of one conversation for one recipient: reply+<token>@<reply domain>. */
export interface EmailThreadsTable {
  token: string;
  workspace_id: string;
  conversation_id: string;
  email: string;
  created_at: number;
}

/** One mail sent or received. */
export interface EmailMessagesTable {
  id: string;
  workspace_id: string;
  conversation_id: string | null;
  /** The conversation message it carries (out) or became (in), if any. */
  message_id: string | null;
  /** 'out' | 'in'. */
  direction: string;
  /** 'reply' | 'offline-reply' | 'unseen' | 'transcript' | 'notification' | 'test' | 'inbound'. */
  purpose: string;
  /** The Message-ID header, without angle brackets. */
  header_message_id: string;
  in_reply_to: string | null;
  recipient: string;
  subject: string;
  /** 'queued' | 'sent' | 'failed' | 'received'. */
  state: string;
  /** Why it failed (the SMTP server's answer), never a secret. */
  error: string | null;
  attempts: number;
  created_at: number;
  updated_at: number;
  /** Outgoing: the plain text and the safe HTML it was composed with (migration 0026). */
  body_text: Generated<string | null>;
  body_html: Generated<string | null>;
  /** Outgoing: the References header's ids, space separated, oldest first. */
  references_ids: Generated<string | null>;
  /** Outgoing: the token of its envelope sender bounce+<token>@<reply domain>, where bounces come back (migration 0030). */
  bounce_token: Generated<string | null>;
}

/** Which notifications reach an operator by mail (all off until they opt in; migration 0026). */
export interface EmailPreferencesTable {
  operator_id: string;
  workspace_id: string;
  on_mention: number;
  on_assignment: number;
  on_task_due: number;
  updated_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    email_settings: EmailSettingsTable;
    email_inboxes: EmailInboxesTable;
    email_threads: EmailThreadsTable;
    email_messages: EmailMessagesTable;
    email_preferences: EmailPreferencesTable;
  }
}
