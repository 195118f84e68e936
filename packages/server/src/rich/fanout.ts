/** Clicks in rich messages, live for the conversation's operators (a `richClick` frame in its team room, which visitors never join). */
import type { Context } from '../context.js';
import { room, type Rooms } from '../realtime/rooms.js';

export function subscribeRichFanout(ctx: Pick<Context, 'events'>, rooms: Pick<Rooms, 'publish'>, onError: (err: unknown) => void): void {
  ctx.events.on('rich.clicked', (e) => {
    rooms.publish(room.team(e.frame.conversationId), e.frame).catch(onError);
  });
}
