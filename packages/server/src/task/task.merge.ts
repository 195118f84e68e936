/** Tasks follow a conversation merged into another: they are about the survivor now. */
import type { MergeHook } from '../conversation/merge-hooks.js';
import { moveConversationTasks } from './task.repository.js';

export const mergeTasks: MergeHook = async (trx, move) => {
  await moveConversationTasks(trx, move.fromId, move.intoId);
};
