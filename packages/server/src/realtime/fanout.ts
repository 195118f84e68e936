/**
 * Realtime fan-out: turns domain events into frames published to rooms.
 * Runs straight after the commit that produced the event; never behind a job queue.
 */
import type { EventBus } from '../events/events.js';
import { packSummary } from '@switchboard/protocol';
import { room, type Rooms } from './rooms.js';

export function subscribeFanout(events: EventBus, rooms: Rooms, onError: (err: unknown) => void): void {
  const publish = (name: string, frame: Parameters<Rooms['publish']>[1]) => rooms.publish(name, frame).catch(onError);

  events.on('message.created', (e) => {
    publish(room.conversation(e.message.conversationId), { type: 'message', message: e.message });
    publish(room.operators(e.workspaceId), { type: 'conversations', conversations: [packSummary(e.conversation)] });
  });
  events.on('conversation.created', (e) => {
    publish(room.visitor(e.visitorId), { type: 'conversations', conversations: [packSummary(e.conversation)] });
  });
  events.on('conversation.updated', (e) => {
    const conversations = [packSummary(e.conversation)];
    publish(room.operators(e.workspaceId), { type: 'conversations', conversations });
    publish(room.visitor(e.visitorId), { type: 'conversations', conversations });
  });
  events.on('conversation.read', (e) => {
    publish(room.conversation(e.conversationId), { type: 'read', conversationId: e.conversationId, reader: e.reader, seq: e.seq });
  });
  events.on('visitor.updated', (e) => {
    publish(room.operators(e.workspaceId), { type: 'visitor', visitor: e.visitor });
  });
}
