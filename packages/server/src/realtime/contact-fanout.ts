/**
 * Fan-out of the contact feature: a contact's change to the operators who may
 * see it (consoles showing it fetch it again), an import's progress to the
 * operator who started it. Who may see a contact (policy/visibility.ts): with
 * a conversation they may see, so the rooms of its conversations' summaries
 * (feed.ts), or everyone when it has none (a new lead), and who created it.
 */
import type { Db } from '../db/database.js';
import type { EventBus } from '../events/events.js';
import { summaryRooms } from './feed.js';
import { room, type Rooms } from './rooms.js';

export function subscribeContactFanout(events: EventBus, rooms: Rooms, db: Db, onError: (err: unknown) => void): void {
  const publish = (name: string, frame: Parameters<Rooms['publish']>[1]) => rooms.publish(name, frame).catch(onError);
  events.on('contact.changed', (e) => {
    const frame = { type: 'contact' as const, contact: e.contact, change: e.change, mergedInto: e.mergedInto, updatedAt: e.updatedAt };
    contactRooms(db, e.workspaceId, [e.contact.id, ...(e.mergedInto ? [e.mergedInto] : [])]).then((names) => {
      for (const name of names) publish(name, frame);
    }, onError);
  });
  events.on('contact_import.changed', (e) => {
    publish(room.operator(e.operatorId), { type: 'contactImport', import: e.import });
  });
}

async function contactRooms(db: Db, workspaceId: string, contactIds: string[]): Promise<string[]> {
  const [conversations, contacts] = await Promise.all([
    db.selectFrom('conversations').select(['team_id', 'assignee_id']).where('contact_id', 'in', contactIds).execute(),
    db.selectFrom('contacts').select('created_by').where('id', 'in', contactIds).execute(),
  ]);
  if (conversations.length === 0) return [room.operators(workspaceId)];
  const names = new Set(conversations.flatMap((c) => summaryRooms(workspaceId, { teamId: c.team_id, assigneeId: c.assignee_id })));
  for (const c of contacts) if (c.created_by) names.add(room.operator(c.created_by));
  return [...names];
}
