/**
 * Business hours and shifts opening, closing or changing, told live: every
 * node's widgets of the workspace (the `schedule` channel: each node reads
 * its inboxes' hours, or who is off shift, again), and the workspace's consoles (a `schedule`
 * frame: the Team overview asks again).
 */
import type { Context } from '../context.js';
import { SCHEDULE_CHANNEL } from './availability.js';
import { room, type Rooms } from './rooms.js';

export function subscribeScheduleFanout(ctx: Pick<Context, 'events' | 'pubsub' | 'log'>, rooms: Pick<Rooms, 'publish'>): void {
  const onError = (err: unknown) => ctx.log.warn({ err }, 'could not tell a schedule change');
  ctx.events.on('schedule.changed', async (e) => {
    await ctx.pubsub.publish(SCHEDULE_CHANNEL, JSON.stringify({ workspaceId: e.workspaceId, teamId: e.teamId })).catch(onError);
    await rooms.publish(room.operators(e.workspaceId), { type: 'schedule', teamId: e.teamId, operatorId: e.operatorId }).catch(onError);
  });
}
