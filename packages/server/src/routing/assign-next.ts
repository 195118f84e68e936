/**
 * The assignNext command: give the head of a team's queue to an eligible
 * member (online, on shift, under capacity) chosen by the team's mode, in
 * one transaction. Atomic across nodes: on PostgreSQL the team's row is
 * locked first (one decision per team at a time), the head is taken with
 * FOR UPDATE SKIP LOCKED (a take by hand holds its own row), and the chosen
 * operator's row is locked before their load is counted again, so two
 * teams sharing an operator never overshoot their capacity together. On
 * SQLite the single writer serialises the same steps.
 */
import type { MessageDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import type { Db } from '../db/database.js';
import { offShiftOperatorIds } from '../hours/schedule.js';
import { appendMessage, presentMessage } from '../message/message.repository.js';
import { capacityOf, pickOrder } from './pick.js';
import { type Candidate, lockOperator, lockQueueHead, openLoads, teamCandidates } from './queue.repository.js';
import { toTeamRouting, type TeamRouting } from './team-routing.js';

export interface AssignNextProps {
  workspaceId: string;
  teamId: string;
  /** Online now (presence): away and offline operators get nothing. */
  isOnline: (operatorId: string) => boolean;
}

export type AssignNextResult =
  | { outcome: 'assigned'; conversation: ConversationRow; message: MessageDto; operator: Candidate }
  /** Nothing waits, the team hands out by hand, or nobody eligible has room: the queue stays as it is. */
  | { outcome: 'empty' | 'manual' | 'full' };

export async function assignNext(ctx: Context, p: AssignNextProps): Promise<AssignNextResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const team = await lockTeam(trx, ctx.dbKind, p.workspaceId, p.teamId);
    if (!team || team.mode === 'manual') return { outcome: team ? 'manual' : 'empty' };
    const head = await lockQueueHead(trx, ctx.dbKind, p.teamId);
    if (!head) return { outcome: 'empty' };
    const now = ctx.now();
    const online = (await teamCandidates(trx, p.workspaceId, p.teamId)).filter((c) => p.isOnline(c.id));
    const off = online.length
      ? await offShiftOperatorIds(
          trx,
          p.workspaceId,
          online.map((c) => c.id),
          now,
        )
      : new Set<string>();
    const candidates = online.filter((c) => !off.has(c.id));
    const loads = await openLoads(
      trx,
      p.workspaceId,
      candidates.map((c) => c.id),
    );
    for (const c of pickOrder({ mode: team.mode, candidates, loads, defaultCapacity: team.defaultCapacity, lastAssigneeId: team.lastAssigneeId })) {
      await lockOperator(trx, ctx.dbKind, c.id);
      // Counted again under the operator's lock: another team may have given them one meanwhile.
      if (ctx.dbKind === 'postgres' && ((await openLoads(trx, p.workspaceId, [c.id])).get(c.id) ?? 0) >= capacityOf(c, team.defaultCapacity)) continue;
      return { outcome: 'assigned', operator: c, ...(await giveTo(ctx, trx, team, head, c, now)) };
    }
    return { outcome: 'full' };
  });
}

async function lockTeam(
  trx: Db,
  dialect: Context['dbKind'],
  workspaceId: string,
  teamId: string,
): Promise<(TeamRouting & { lastAssigneeId: string | null }) | undefined> {
  const q = trx
    .selectFrom('teams')
    .select(['id', 'assignment_mode', 'default_capacity', 'answer_seconds', 'last_assignee_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', teamId);
  const row = await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  return row && { ...toTeamRouting(row), lastAssigneeId: row.last_assignee_id };
}

/** The assignment itself, with its system line, and the answer time limit's job. */
export async function giveTo(
  ctx: Context,
  trx: Db,
  team: TeamRouting,
  head: ConversationRow,
  operator: { id: string; name: string },
  now: number,
  byName: string | null = null,
): Promise<{ conversation: ConversationRow; message: MessageDto }> {
  const stored = await appendMessage(
    trx,
    ctx.dbKind,
    head.workspace_id,
    head.id,
    {
      clientId: null,
      author: { kind: 'system', id: null, name: null },
      kind: 'event',
      body: `Assigned to ${operator.name}`,
      attachments: [],
      event: { type: 'assigned', operatorId: operator.id, operatorName: operator.name, byName },
      createdAt: now,
    },
    { assignee_id: operator.id, assigned_at: now, requeued: 0 },
  );
  if (!stored) throw new Error(`conversation ${head.id} vanished while it was assigned`);
  await trx.updateTable('operators').set({ last_assigned_at: now }).where('id', '=', operator.id).execute();
  await trx.updateTable('teams').set({ last_assignee_id: operator.id }).where('id', '=', team.teamId).execute();
  if (team.answerSeconds) {
    await ctx.jobs.schedule(
      {
        kind: 'routing.answer_due',
        runAt: now + team.answerSeconds * 1000,
        payload: { workspaceId: head.workspace_id, conversationId: head.id, operatorId: operator.id, assignedAt: now },
        key: `routing.answer_due:${head.id}`,
        replace: true,
        workspaceId: head.workspace_id,
      },
      trx,
    );
  }
  return { conversation: stored.conversation, message: presentMessage(stored.row) };
}
