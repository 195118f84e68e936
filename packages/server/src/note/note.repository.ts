import type { NoteDto, NoteKind } from '@switchboard/protocol';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { NewNoteRow, NoteRow } from './note.table.js';

function parseMentions(text: string): NoteDto['mentions'] {
  try {
    const list = JSON.parse(text) as unknown;
    return Array.isArray(list) ? (list as NoteDto['mentions']) : [];
  } catch {
    return [];
  }
}

export const presentNote = (row: NoteRow): NoteDto => ({
  id: row.id,
  conversationId: row.conversation_id,
  noteSeq: Number(row.note_seq),
  afterSeq: Number(row.after_seq),
  author: { id: row.author_id, name: row.author_name },
  body: row.body,
  mentions: parseMentions(row.mentions),
  createdAt: Number(row.created_at),
  ...(row.kind && row.kind !== 'note' ? { kind: row.kind as NoteKind, toOperatorId: row.to_operator_id } : {}),
});

/**
 * Notes of one conversation are numbered one writer at a time: on PostgreSQL
 * a transaction lock per conversation (messages, which lock the conversation's
 * row, are not held up); SQLite has one writer anyway.
 */
export async function lockNotes(db: Db, dialect: 'sqlite' | 'postgres', conversationId: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`notes:${conversationId}`}))`.execute(db);
}

/** The next number among the conversation's notes (under `lockNotes`; the unique index refuses a repeat all the same). */
export async function nextNoteSeq(db: Db, conversationId: string): Promise<number> {
  const r = await db
    .selectFrom('notes')
    .select((eb) => eb.fn.max('note_seq').as('n'))
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export async function insertNote(db: Db, row: NewNoteRow): Promise<void> {
  await db.insertInto('notes').values(row).execute();
}

export async function findNoteByClientId(db: Db, workspaceId: string, conversationId: string, clientId: string): Promise<NoteRow | undefined> {
  return db
    .selectFrom('notes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** Notes after a note number, oldest first (served by notes_conversation_seq). */
export async function listNotesAfter(db: Db, workspaceId: string, conversationId: string, after: number, limit: number): Promise<NoteRow[]> {
  return db
    .selectFrom('notes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('note_seq', '>', after)
    .orderBy('note_seq', 'asc')
    .limit(limit)
    .execute();
}
