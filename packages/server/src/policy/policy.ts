/**
 * Who may do what, declared in one place and tested as a table. Every query is
 * also scoped to the caller's workspace by the services; this decides the role.
 */
import type { OperatorRole } from '@switchboard/protocol';
import { forbidden } from '../errors.js';

const everyone: OperatorRole[] = ['owner', 'admin', 'operator'];
const admins: OperatorRole[] = ['owner', 'admin'];

export const RULES = {
  'conversation.view': everyone,
  'conversation.reply': everyone,
  'conversation.assign_self': everyone,
  'conversation.assign_others': admins,
  'conversation.set_status': everyone,
  'conversation.label': everyone,
  'conversation.snooze': everyone,
  'conversation.merge': everyone,
  'label.manage': admins,
  'message.schedule': everyone,
  // Anyone cancels their own scheduled messages.
  'message.cancel_others_scheduled': admins,
  'note.view': everyone,
  'note.create': everyone,
  'contact.view': everyone,
  'contact.create': everyone,
  'contact.update': everyone,
  // Who is on the site now, their visits and pages; team-scoped visibility comes later.
  'visitor.view': everyone,
  'visitor.start_chat': everyone,
  'contact.note': everyone,
  'contact.label': everyone,
  'contact.merge': everyone,
  // Only a contact with nothing to lose (no conversation, no visitor) can be deleted; merge the others.
  'contact.delete': admins,
  'contact.manage_attributes': admins,
  'contact.import': admins,
  'contact.export': admins,
  'conversation.export': admins,
  'operator.list': everyone,
  'operator.create': admins,
  'operator.update': admins,
  'operator.update_own_preferences': everyone,
  'inbox.view': everyone,
  'inbox.manage': admins,
  'workspace.manage': ['owner'],
  'team.view': everyone,
  'team.manage': admins,
  // Business hours, shifts and the Team overview: everyone reads them; admins set them (supervisors, for their teams' members, with team roles).
  'hours.view': everyone,
  'hours.manage': admins,
  'shift.manage': admins,
  // Personal canned responses and macros belong to their owner, whatever the role; team ones to the team's members.
  'canned.use': everyone,
  'canned.manage_workspace': admins,
  'canned.manage_any_team': admins,
  'macro.run': everyone,
  'macro.manage_workspace': admins,
  'conversation.set_priority': everyone,
  'queue.view': everyone,
  'queue.take': everyone,
  // Taking a conversation beyond one's capacity: supervisors too once the role exists (add 'supervisor' here at merge).
  'queue.take_beyond_capacity': admins,
} satisfies Record<string, OperatorRole[]>;

export type Action = keyof typeof RULES;

export function can(role: OperatorRole, action: Action): boolean {
  return (RULES[action] as OperatorRole[]).includes(role);
}

export function authorize(actor: { role: OperatorRole }, action: Action): void {
  if (!can(actor.role, action)) throw forbidden();
}

/** Roles an actor may hand out: only an owner makes owners. */
export function canGrantRole(actor: OperatorRole, role: OperatorRole): boolean {
  if (actor === 'owner') return true;
  return actor === 'admin' && role !== 'owner';
}
