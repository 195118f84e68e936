/**
 * The Team overview: per team, whether it is open and until when, who of its
 * members is on shift now (and until when), and who is next (members off
 * shift, by their next shift start). Statuses (online, away) are the
 * console's own, live from presence frames.
 */
import type { Context } from '../context.js';
import type { Operator } from '../operator/operator.js';
import { listOperators } from '../operator/operator.repository.js';
import { authorize } from '../policy/policy.js';
import { listTeams, membersOf } from '../team/team.repository.js';
import { listOperatorShifts, listTeamHours } from './hours.repository.js';
import { hoursChange, nextShiftStart, shiftChange } from './schedule.js';

export async function teamOverview(ctx: Context, actor: Operator) {
  authorize(actor, 'hours.view');
  const ws = actor.workspaceId;
  const now = ctx.now();
  const teams = await listTeams(ctx.db, ws);
  const [members, hours, shifts, operators] = await Promise.all([
    membersOf(
      ctx.db,
      ws,
      teams.map((t) => t.id),
    ),
    listTeamHours(ctx.db, ws),
    listOperatorShifts(ctx.db, ws),
    listOperators(ctx.db, ws),
  ]);
  const enabled = new Set(operators.filter((o) => !o.disabled_at).map((o) => o.id));
  const hoursOf = new Map(hours.map((h) => [h.teamId, h]));
  const shiftsOf = new Map(shifts.map((s) => [s.operatorId, s]));
  return {
    teams: teams.map((t) => {
      const h = hoursOf.get(t.id);
      const c = h && hoursChange(h, now);
      const onShift: { operatorId: string; until: number | null }[] = [];
      const next: { operatorId: string; at: number }[] = [];
      for (const operatorId of members.get(t.id) ?? []) {
        if (!enabled.has(operatorId)) continue;
        const s = shiftsOf.get(operatorId);
        if (!s) onShift.push({ operatorId, until: null });
        else if (shiftChange(s, now).open) onShift.push({ operatorId, until: shiftChange(s, now).at });
        else {
          const at = nextShiftStart(s, now);
          if (at !== null) next.push({ operatorId, at });
        }
      }
      next.sort((a, b) => a.at - b.at);
      return { id: t.id, name: t.name, hours: h && c ? { timeZone: h.timeZone, open: c.open, nextChangeAt: c.at } : null, onShift, next };
    }),
  };
}
