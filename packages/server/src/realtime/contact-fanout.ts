/**
 * Fan-out of the contact feature: a contact's change to the workspace's
 * operators (consoles showing it fetch it again), an import's progress to
 * the operator who started it.
 */
import type { EventBus } from '../events/events.js';
import { room, type Rooms } from './rooms.js';

export function subscribeContactFanout(events: EventBus, rooms: Rooms, onError: (err: unknown) => void): void {
  const publish = (name: string, frame: Parameters<Rooms['publish']>[1]) => rooms.publish(name, frame).catch(onError);
  events.on('contact.changed', (e) => {
    publish(room.operators(e.workspaceId), { type: 'contact', contact: e.contact, change: e.change, mergedInto: e.mergedInto, updatedAt: e.updatedAt });
  });
  events.on('contact_import.changed', (e) => {
    publish(room.operator(e.operatorId), { type: 'contactImport', import: e.import });
  });
}
