/**
 * Notes and mentions follow a merge: the notes of both conversations are
 * numbered again 1, 2, 3… in the order they were written, each still placed
 * after the message it followed (at that message's new number), and the
 * mentions in them point at the survivor, so the Mentions view and "seen"
 * keep working there.
 */
import { sql } from 'kysely';
import type { MergeHook } from '../conversation/merge-hooks.js';

export const mergeNotes: MergeHook = async (trx, move) => {
  const notes = await trx
    .selectFrom('notes')
    .select(['id', 'conversation_id', 'note_seq', 'after_seq', 'client_id', 'created_at'])
    .where('conversation_id', 'in', [move.intoId, move.fromId])
    .execute();
  await trx.updateTable('mentions').set({ conversation_id: move.intoId }).where('conversation_id', '=', move.fromId).execute();
  if (!notes.some((n) => n.conversation_id === move.fromId)) return;
  const survivor = (n: { conversation_id: string }) => (n.conversation_id === move.intoId ? 0 : 1);
  notes.sort((a, b) => Number(a.created_at) - Number(b.created_at) || survivor(a) - survivor(b) || Number(a.note_seq) - Number(b.note_seq));
  // Client ids are unique per conversation: a moved one that repeats one of the survivor's is dropped.
  const taken = new Set(notes.filter((n) => n.conversation_id === move.intoId && n.client_id).map((n) => n.client_id));
  // Out of the way of the unique (conversation, note_seq) index first.
  await trx
    .updateTable('notes')
    .set({ note_seq: sql`-note_seq - ${notes.length}` })
    .where('conversation_id', 'in', [move.intoId, move.fromId])
    .execute();
  for (const [i, n] of notes.entries()) {
    const moved = n.conversation_id === move.fromId;
    await trx
      .updateTable('notes')
      .set({
        conversation_id: move.intoId,
        note_seq: i + 1,
        after_seq: move.newSeq(n.conversation_id, Number(n.after_seq)),
        ...(moved && n.client_id && taken.has(n.client_id) ? { client_id: null } : {}),
      })
      .where('id', '=', n.id)
      .execute();
  }
};
