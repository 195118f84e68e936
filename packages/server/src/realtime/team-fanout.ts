/**
 * Fan-out of the note feature: a note to the operators following the
 * conversation (its team room, never the visitor's), and to each operator it
 * mentions, on their own room, the count of their unseen mentions there;
 * what becomes of a scheduled message, to the same team room.
 */
import { previewText } from '@switchboard/text';
import type { EventBus } from '../events/events.js';
import { room, type Rooms } from './rooms.js';

const PREVIEW_CHARS = 140;

export function subscribeTeamFanout(events: EventBus, rooms: Rooms, onError: (err: unknown) => void): void {
  const publish = (name: string, frame: Parameters<Rooms['publish']>[1]) => rooms.publish(name, frame).catch(onError);

  events.on('note.created', (e) => {
    const { note } = e;
    publish(room.team(note.conversationId), { type: 'note', note });
    const latest = { noteId: note.id, by: note.author, preview: previewText(note.body).slice(0, PREVIEW_CHARS), createdAt: note.createdAt };
    for (const m of e.mentioned) publish(room.operator(m.operatorId), { type: 'mention', conversationId: note.conversationId, unseen: m.unseen, latest });
  });
  events.on('scheduled.changed', (e) => {
    publish(room.team(e.scheduled.conversationId), { type: 'scheduled', scheduled: e.scheduled });
  });
  events.on('mentions.seen', (e) => {
    publish(room.operator(e.operatorId), { type: 'mention', conversationId: e.conversationId, unseen: 0, latest: null });
  });
}
