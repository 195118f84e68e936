/**
 * Each attributed purchase goes as a `sale` frame to who may see it: owners
 * and admins (every conversation), the supervisors of the credited team (or
 * every supervisor when the conversation has no team, which everyone sees)
 * and the credited operator. A trigger-only touch has no conversation: owners,
 * admins and every supervisor hear of it.
 */
import type { SaleFrame } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { room, type Rooms } from '../realtime/rooms.js';

export function subscribeSales(ctx: Context, rooms: Pick<Rooms, 'publish'>, onError: (err: unknown) => void): void {
  ctx.events.on('sale.attributed', async (e) => {
    const frame: SaleFrame = { type: 'sale', sale: e.sale };
    const names = new Set([room.allConversations(e.workspaceId)]);
    if (e.sale.operatorId) names.add(room.operator(e.sale.operatorId));
    const supervisors = e.sale.teamId
      ? await ctx.db
          .selectFrom('team_members as tm')
          .innerJoin('operators as o', 'o.id', 'tm.operator_id')
          .select('o.id')
          .where('tm.team_id', '=', e.sale.teamId)
          .where('o.workspace_id', '=', e.workspaceId)
          .where('o.role', '=', 'supervisor')
          .execute()
      : await ctx.db.selectFrom('operators').select('id').where('workspace_id', '=', e.workspaceId).where('role', '=', 'supervisor').execute();
    for (const s of supervisors) names.add(room.operator(s.id));
    await Promise.all([...names].map((name) => rooms.publish(name, frame).catch(onError)));
  });
}
