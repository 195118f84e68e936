/** Row types of every table, as Kysely sees them. Times are epoch milliseconds. */
import type { Generated } from 'kysely';

export interface WorkspaceTable {
  id: string;
  name: string;
  created_at: number;
}

export interface OperatorTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  /** The status the operator chose; shown as offline while no console is connected. */
  status: string;
  invite_token_hash: string | null;
  invite_expires_at: number | null;
  disabled_at: number | null;
  created_at: number;
  last_seen_at: number | null;
  /** Most conversations open at once given to them automatically; null: their team's default (routing). */
  capacity: Generated<number | null>;
  /** When routing or a take last gave them a conversation (least busy: ties go to the longest idle). */
  last_assigned_at: Generated<number | null>;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself is never stored. */
  id: string;
  operator_id: string;
  workspace_id: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

export interface InboxTable {
  id: string;
  workspace_id: string;
  name: string;
  kind: string;
  website_key: string;
  /** JSON: InboxSettings. */
  settings: string;
  /** The secret the host site signs visitor identities with (HMAC-SHA256); shown once, never in an answer after. */
  identity_secret: string | null;
  /** When the current identity secret was made (rotating replaces it). */
  identity_secret_at: number | null;
  /** The team new conversations of the inbox go to, unless the visitor chooses one (routing). */
  default_team_id: Generated<string | null>;
  created_at: number;
}

export interface ContactTable {
  id: string;
  workspace_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  /** An http(s) address of the contact's picture. */
  avatar_url: string | null;
  /** JSON object: custom attribute key -> value, typed by the workspace's attribute definitions. */
  attributes: Generated<string>;
  /** JSON array of label ids. */
  labels: Generated<string>;
  /** The host site's id for this person: set only from a valid identity hash (unique per workspace). */
  external_id: string | null;
  /** When the host site last vouched for this contact (a valid identity hash); null: unverified. */
  verified_at: number | null;
  /** Merged into that contact: everything of this one is there now. */
  merged_into: string | null;
  last_seen_at: number | null;
  /** An id the visitor's page claimed without a valid identity hash: shown as unverified, never used to match. */
  claimed_external_id: string | null;
  created_at: number;
  updated_at: number;
  /** The operator who created it by hand (migration 0016): they keep seeing it (policy/visibility.ts). */
  created_by: Generated<string | null>;
  /** Name, email, phone (as written and digits only) and company, lower-cased without accents: what the search box matches. */
  search_text: Generated<string>;
  /** What sorting by name uses: the name (else the email), lower-cased. */
  sort_name: Generated<string>;
  /** The company, lower-cased: what the company filter matches. */
  company_key: string | null;
  /** Set by the CSV import that created it: hidden from every read until that import is done. */
  import_id: string | null;
}

export interface VisitorTable {
  id: string;
  workspace_id: string;
  inbox_id: string;
  token_hash: string;
  contact_id: string | null;
  /** The contact a valid identity hash verified this visitor as: grants that contact's history. Null: unverified. */
  verified_contact_id: string | null;
  page_url: string | null;
  page_title: string | null;
  referrer: string | null;
  user_agent: string | null;
  time_zone: string | null;
  locale: string | null;
  /** How many visits the visitor made (kept when old visits are deleted). */
  visit_count: Generated<number>;
  created_at: number;
  last_seen_at: number | null;
}

export interface ConversationTable {
  id: string;
  workspace_id: string;
  inbox_id: string;
  visitor_id: string;
  contact_id: string | null;
  status: string;
  assignee_id: string | null;
  last_seq: number;
  /** The message the list shows: the last one by the visitor or an operator (never a system line). */
  last_message_seq: number | null;
  last_message_at: number | null;
  last_message_preview: string | null;
  /** Files on that message: the list shows a paperclip. */
  last_message_files: number;
  last_author_kind: string | null;
  last_author_id: string | null;
  last_author_name: string | null;
  visitor_read_seq: number;
  operator_read_seq: number;
  /** Visitor messages no operator has read or answered yet. */
  unread_count: number;
  /** JSON array of label ids (the same as conversation_labels, kept here so summaries need no join). */
  labels: string;
  /** While snoozed: when it wakes; null while it waits for the visitor. */
  snoozed_until: number | null;
  /** Merged into that conversation: closed, its messages moved there. */
  merged_into: string | null;
  /** The team the visitor chose (pre-chat form). */
  team_id: string | null;
  /** When an operator first answered a visitor message. */
  first_response_at: number | null;
  /** The visitor's rating (1 to 5) and comment. */
  rating: number | null;
  rating_comment: string | null;
  rated_at: number | null;
  /** When the visitor ended the chat. */
  ended_at: number | null;
  /** 1: left as an offline message, the visitor waits for the reply by email. */
  awaiting_email_reply: Generated<number>;
  /** 0 urgent, 1 high, 2 normal, 3 low (routing/priority.ts). */
  priority: Generated<number>;
  /** Waiting in its team's queue since then; null: not waiting (assigned, or no team). */
  queued_at: Generated<number | null>;
  /** 1: put back in the queue, at its head. */
  requeued: Generated<number>;
  /** When its current assignee got it. */
  assigned_at: Generated<number | null>;
  /** The visitor's latest scored mood, its confidence and the trend (migration 0022, mood/). */
  mood: Generated<string | null>;
  mood_confidence: Generated<number | null>;
  mood_trend: Generated<string | null>;
  created_at: number;
  updated_at: number;
  resolved_at: number | null;
}

export interface MessageTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  seq: number;
  client_id: string | null;
  author_kind: string;
  author_id: string | null;
  author_name: string | null;
  kind: string;
  body: string;
  /** JSON array of AttachmentDto, denormalised so history reads need no join. */
  attachments: string;
  /** JSON SystemEvent for kind = 'event'. */
  event: string | null;
  created_at: number;
  /** JSON RichContent (E2): the product card, carousel, comparison or quick replies as sent; null for plain messages. */
  rich: string | null;
}

export interface AttachmentTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  message_id: string | null;
  uploader_kind: string;
  uploader_id: string;
  name: string;
  mime: string;
  size: number;
  storage_key: string;
  created_at: number;
}

export interface Database {
  workspaces: WorkspaceTable;
  operators: OperatorTable;
  sessions: SessionTable;
  inboxes: InboxTable;
  contacts: ContactTable;
  visitors: VisitorTable;
  conversations: ConversationTable;
  messages: MessageTable;
  attachments: AttachmentTable;
}

export type { Generated };
