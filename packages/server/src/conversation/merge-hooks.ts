/**
 * What other features move when two conversations merge (notes, scheduled
 * messages, mentions...). The merge command runs every hook inside its
 * transaction, after the messages were renumbered; a feature registers its
 * hook once, at start (app.ts), so the conversation feature imports none of them.
 */
import type { Db } from '../db/database.js';

export interface MergeMove {
  intoId: string;
  fromId: string;
  /** The new number, in the survivor, of the last message at or before `seq` in its old conversation. */
  newSeq(conversationId: string, seq: number): number;
}

export type MergeHook = (trx: Db, move: MergeMove) => Promise<void>;

const hooks = new Set<MergeHook>();

export const mergeHooks = {
  add(hook: MergeHook): void {
    hooks.add(hook);
  },
  async run(trx: Db, move: MergeMove): Promise<void> {
    for (const hook of hooks) await hook(trx, move);
  },
};
