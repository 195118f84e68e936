/** The state of a mail under its message, live for the conversation's operators (an `email` frame in its team room). */
import type { Context } from '../context.js';
import { room, type Rooms } from '../realtime/rooms.js';

export function subscribeEmailFanout(ctx: Pick<Context, 'events'>, rooms: Pick<Rooms, 'publish'>, onError: (err: unknown) => void): void {
  ctx.events.on('email.changed', (e) => {
    rooms.publish(room.team(e.conversationId), { type: 'email', conversationId: e.conversationId, seq: e.seq, email: e.email }).catch(onError);
  });
}
