/**
 * Holding a new conversation for routing by intent: when its inbox routes by
 * intent and the workspace has an active model, the conversation starts out
 * of every queue (as with an agent bot) with a pending intent, so nobody of
 * the default team takes it before the decision (decide-intent.ts). A durable
 * job is its safety net, written in the same transaction: if the first
 * message's decision never comes (a node died after the commit), the job
 * decides a little later and the conversation joins a queue all the same.
 */
import type { Db } from '../db/database.js';
import { insertJob } from '../jobs/job.repository.js';
import { newId } from '../ids.js';

export const DECIDE_KIND = 'intent.decide';
/** How long a held conversation waits for its first message's decision before the job decides. */
export const SAFETY_NET_MS = 15_000;

export interface DecidePayload {
  workspaceId: string;
  conversationId: string;
}

/** Whether a conversation started now in this inbox waits for its intent. */
export async function holdsForIntent(db: Db, workspaceId: string, inboxId: string): Promise<boolean> {
  const r = await db
    .selectFrom('intent_routing as r')
    .innerJoin('intent_models as m', (j) => j.onRef('m.workspace_id', '=', 'r.workspace_id').on('m.active', '=', 1))
    .select('m.id')
    .where('r.inbox_id', '=', inboxId)
    .where('r.workspace_id', '=', workspaceId)
    .where('r.enabled', '=', 1)
    .executeTakeFirst();
  return r !== undefined;
}

/** The pending intent and its safety-net job, in the transaction that starts the conversation. */
export async function holdForIntent(db: Db, p: { workspaceId: string; conversationId: string; now: number }): Promise<void> {
  await db
    .insertInto('conversation_intents')
    .values({
      conversation_id: p.conversationId,
      workspace_id: p.workspaceId,
      status: 'pending',
      routing: 1,
      model_id: null,
      model_version: null,
      label_id: null,
      label_name: null,
      confidence: null,
      routed_team_id: null,
      routed_team_name: null,
      decided_at: null,
      created_at: p.now,
    })
    .execute();
  const payload: DecidePayload = { workspaceId: p.workspaceId, conversationId: p.conversationId };
  await insertJob(
    db,
    {
      id: newId(),
      kind: DECIDE_KIND,
      key: `${DECIDE_KIND}:${p.conversationId}`,
      workspace_id: p.workspaceId,
      payload: JSON.stringify(payload),
      status: 'pending',
      run_at: p.now + SAFETY_NET_MS,
      attempts: 0,
      max_attempts: 8,
      lease_until: null,
      locked_by: null,
      last_error: null,
      revision: 0,
      created_at: p.now,
      updated_at: p.now,
      finished_at: null,
    },
    false,
  );
}
