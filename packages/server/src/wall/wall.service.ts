/**
 * The supervision wall (B6): for each team a supervisor supervises (every
 * team for owners and admins), the queue's length and oldest wait, each
 * member's status, load (open / capacity) and shift, and the conversations
 * that need a look. Statuses come from presence on this node's view of the
 * cluster; the console keeps them live from presence frames.
 */
import { summarizeAll } from '../conversation/conversation.service.js';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { listOperatorShifts, listTeamHours } from '../hours/hours.repository.js';
import { hoursChange, nextShiftStart, shiftChange } from '../hours/schedule.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { viewerOf } from '../policy/visibility.js';
import type { Presence } from '../realtime/presence.js';
import { openLoads, teamCandidates } from '../routing/queue.repository.js';
import { listTeams } from '../team/team.repository.js';
import type { Wall } from './wall.js';
import { needingAttention, queueStats } from './wall.repository.js';

export async function supervisionWall(ctx: Context, presence: Pick<Presence, 'statusOf'>, actor: Operator, q: { teamId?: string | undefined }): Promise<Wall> {
  authorize(actor, 'wall.view');
  const ws = actor.workspaceId;
  const viewer = await viewerOf(ctx, actor);
  let teams = await listTeams(ctx.db, ws);
  if (viewer.role === 'supervisor') teams = teams.filter((t) => viewer.teamIds.includes(t.id));
  if (q.teamId) {
    teams = teams.filter((t) => t.id === q.teamId);
    if (teams.length === 0) throw notFound('Team');
  }
  const ids = teams.map((t) => t.id);
  const now = ctx.now();
  const [queues, attention, hours, shifts] = await Promise.all([
    queueStats(ctx.db, ws, ids),
    needingAttention(ctx.db, ws, ids, now),
    listTeamHours(ctx.db, ws),
    listOperatorShifts(ctx.db, ws),
  ]);
  const members = new Map(await Promise.all(teams.map(async (t) => [t.id, await teamCandidates(ctx.db, ws, t.id)] as const)));
  const loads = await openLoads(ctx.db, ws, [...new Set([...members.values()].flat().map((m) => m.id))]);
  const summaries = await summarizeAll(ctx, ws, attention);
  const hoursOf = new Map(hours.map((h) => [h.teamId, h]));
  const shiftsOf = new Map(shifts.map((s) => [s.operatorId, s]));
  return {
    teams: teams.map((t) => {
      const h = hoursOf.get(t.id);
      const c = h && hoursChange(h, now);
      return {
        id: t.id,
        name: t.name,
        hours: h && c ? { timeZone: h.timeZone, open: c.open, nextChangeAt: c.at } : null,
        queue: queues.get(t.id) ?? { length: 0, oldestQueuedAt: null },
        operators: (members.get(t.id) ?? []).map((m) => {
          const s = shiftsOf.get(m.id);
          const change = s ? shiftChange(s, now) : null;
          return {
            id: m.id,
            name: m.name,
            status: presence.statusOf(m.id),
            open: loads.get(m.id) ?? 0,
            capacity: m.capacity ?? Number(t.default_capacity),
            onShift: !change || change.open,
            shiftUntil: !s || !change ? null : change.open ? change.at : nextShiftStart(s, now),
          };
        }),
        attention: summaries.filter((c) => c.teamId === t.id),
      };
    }),
  };
}
