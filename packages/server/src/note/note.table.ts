/** Row types of the note feature, added to Kysely's Database (tables.ts stays the core's). */
import type { Generated, Selectable } from 'kysely';

export interface NoteTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  /** Position among the conversation's notes, from 1, without gaps. Not a message sequence. */
  note_seq: number;
  /** The conversation's last message sequence when the note was written: it shows right after that message. */
  after_seq: number;
  author_id: string;
  author_name: string;
  body: string;
  /** JSON array of { operatorId, name }. */
  mentions: string;
  client_id: string | null;
  created_at: number;
  /** 'note', 'handoff' (a transfer's) or 'whisper' (a supervisor's, to the assignee): migration 0019. */
  kind: Generated<string>;
  /** Whom a handoff note or a whisper is for, when it is for one operator. */
  to_operator_id: string | null;
}

export interface MentionTable {
  note_id: string;
  operator_id: string;
  workspace_id: string;
  conversation_id: string;
  created_at: number;
  /** When the operator opened the conversation after the mention; null until then. */
  seen_at: number | null;
}

export type NoteRow = Selectable<NoteTable>;
export type NewNoteRow = Omit<NoteRow, 'kind'> & { kind?: string };
export type MentionRow = Selectable<MentionTable>;

declare module '../db/tables.js' {
  interface Database {
    notes: NoteTable;
    mentions: MentionTable;
  }
}
