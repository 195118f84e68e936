/**
 * Realtime fan-out: turns domain events into frames published to rooms.
 * Runs straight after the commit that produced the event; never behind a job queue.
 */
import type { EventBus, PreviousAudience } from '../events/events.js';
import { type ConversationSummary, packSummary } from '@switchboard/protocol';
import { forVisitor } from '../conversation/conversation.repository.js';
import { summaryRooms } from './feed.js';
import { room, type Rooms } from './rooms.js';

export function subscribeFanout(events: EventBus, rooms: Rooms, onError: (err: unknown) => void): void {
  const publish = (name: string, frame: Parameters<Rooms['publish']>[1]) => rooms.publish(name, frame).catch(onError);
  // Only to the consoles that may see it (and, when it moved, those that saw it: they drop it). See feed.ts.
  const summary = (workspaceId: string, c: ConversationSummary, previous?: PreviousAudience) => {
    const frame = { type: 'conversations' as const, conversations: [packSummary(c)] };
    for (const name of summaryRooms(workspaceId, c, previous)) publish(name, frame);
  };

  events.on('message.created', (e) => {
    publish(room.conversation(e.message.conversationId), { type: 'message', message: e.message });
    summary(e.workspaceId, e.conversation, e.previous);
  });
  events.on('conversation.created', (e) => {
    publish(room.visitor(e.visitorId), { type: 'conversations', conversations: [packSummary(forVisitor(e.conversation))] });
  });
  events.on('conversation.updated', (e) => {
    summary(e.workspaceId, e.conversation, e.previous);
    publish(room.visitor(e.visitorId), { type: 'conversations', conversations: [packSummary(forVisitor(e.conversation))] });
  });
  events.on('conversation.merged', (e) => {
    // Followers of either conversation learn it first, then the lists change.
    for (const [name, summary] of [
      [room.conversation(e.fromId), e.into],
      [room.conversation(e.into.id), e.into],
    ] as const) {
      publish(name, { type: 'merged', from: e.fromId, into: e.into.id, conversation: summary });
    }
    summary(e.workspaceId, e.from);
    summary(e.workspaceId, e.into);
    for (const visitorId of new Set([e.from.visitorId, e.into.visitorId])) {
      publish(room.visitor(visitorId), { type: 'merged', from: e.fromId, into: e.into.id, conversation: forVisitor(e.into) });
    }
  });
  events.on('label.changed', (e) => {
    publish(room.operators(e.workspaceId), { type: 'label', label: e.label, deleted: e.deleted });
  });
  events.on('conversation.read', (e) => {
    publish(room.conversation(e.conversationId), { type: 'read', conversationId: e.conversationId, reader: e.reader, seq: e.seq });
  });
  events.on('visitor.identified', (e) => {
    // Each connection of these visitors also checks again what it may follow (realtime/visitor-access.ts).
    for (const v of e.visitors) publish(room.visitor(v.visitorId), { type: 'identity', verified: v.verified });
  });
  // Operators following one of the visitor's conversations: the panel beside it shows where they are.
  events.on('visitor.updated', (e) => {
    const frame = { type: 'visitor' as const, visitor: e.visitor, ...(e.pageView ? { pageView: e.pageView } : {}) };
    for (const id of e.conversationIds) publish(room.team(id), frame);
  });
  events.on('visitor.invited', (e) => {
    publish(room.visitor(e.visitorId), { type: 'invite', conversationId: e.conversationId, operator: { name: e.operatorName } });
  });
}
