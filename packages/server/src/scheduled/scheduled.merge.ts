/**
 * Scheduled messages follow a merge: they go out in the survivor. The
 * clientIds they were scheduled under only kept a request from storing twice;
 * the moved ones drop theirs, so none can clash with the survivor's.
 */
import type { MergeHook } from '../conversation/merge-hooks.js';

export const mergeScheduled: MergeHook = async (trx, move) => {
  await trx.updateTable('scheduled_messages').set({ conversation_id: move.intoId, client_id: null }).where('conversation_id', '=', move.fromId).execute();
};
