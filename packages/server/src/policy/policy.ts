/**
 * Who may do what, declared in one place and tested as a table. Every query is
 * also scoped to the caller's workspace by the services; this decides the role.
 * What each role may see (their teams' conversations, contacts and visitors)
 * is the one rule of visibility.ts: a supervisor's rights below apply within
 * the teams they supervise (the teams they are a member of).
 */
import type { OperatorRole } from '@switchboard/protocol';
import { forbidden } from '../errors.js';

const everyone: OperatorRole[] = ['owner', 'admin', 'supervisor', 'operator'];
const supervisors: OperatorRole[] = ['owner', 'admin', 'supervisor'];
const admins: OperatorRole[] = ['owner', 'admin'];

export const RULES = {
  'conversation.view': everyone,
  'conversation.reply': everyone,
  'conversation.assign_self': everyone,
  // A supervisor hands out the conversations they see (their teams') to anyone.
  'conversation.assign_others': supervisors,
  // Which team a conversation belongs to: a supervisor moves the ones they see.
  'conversation.set_team': supervisors,
  'conversation.set_status': everyone,
  'conversation.label': everyone,
  'conversation.snooze': everyone,
  'conversation.merge': everyone,
  'label.manage': admins,
  'message.schedule': everyone,
  // Anyone cancels their own scheduled messages.
  'message.cancel_others_scheduled': supervisors,
  'note.view': everyone,
  'note.create': everyone,
  'contact.view': everyone,
  'contact.create': everyone,
  'contact.update': everyone,
  // Who is on the site now, their visits and pages: those with a conversation the operator may see, or none.
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
  // Scoped like the inbox: a supervisor exports their teams' conversations.
  'conversation.export': supervisors,
  'operator.list': everyone,
  'operator.create': admins,
  'operator.update': admins,
  'operator.update_own_preferences': everyone,
  'inbox.view': everyone,
  'inbox.manage': admins,
  // Webhook endpoints, their secrets and delivery log, agent bots, and allowing private targets.
  'webhook.manage': admins,
  // The workspace's optional language model: its endpoint, model, key (write-only) and uses.
  'language_model.manage': admins,
  'workspace.manage': ['owner'],
  'team.view': everyone,
  'team.manage': admins,
  // Business hours, shifts and the Team overview: everyone reads them; admins set teams' hours, supervisors the shifts of their teams' members.
  'hours.view': everyone,
  'hours.manage': admins,
  'shift.manage': supervisors,
  // The supervision wall: supervisors see their teams', owners and admins every team's.
  'wall.view': supervisors,
  // Personal canned responses and macros belong to their owner, whatever the role; team ones to the team's members.
  'canned.use': everyone,
  'canned.manage_workspace': admins,
  'canned.manage_any_team': admins,
  'macro.run': everyone,
  'macro.manage_workspace': admins,
  'conversation.set_priority': everyone,
  'queue.view': everyone,
  'queue.take': everyone,
  // Taking a conversation beyond one's capacity: a supervisor steps in when their team is full.
  'queue.take_beyond_capacity': supervisors,
  // Transfer and escalation: anyone hands on a conversation they see, with a handoff note or a reason.
  'conversation.transfer': everyone,
  'conversation.escalate': everyone,
  'escalation.view': everyone,
  // Supervision, within the teams a supervisor sees: follow silently, whisper to the assignee, take over.
  'conversation.monitor': supervisors,
  'conversation.whisper': supervisors,
  'conversation.take_over': supervisors,
  // The workspace's tier-2 team (Settings → Teams).
  'escalation.manage': admins,
  // SLA policies: everyone reads them (names, targets); admins manage them and choose them for inboxes and teams.
  'sla.view': everyone,
  'sla.manage': admins,
  // Workspace rules (Settings → Rules): supervisors read them and their last runs, admins change them.
  'rule.view': supervisors,
  'rule.manage': admins,
  // Outgoing mail (Settings → Email): the SMTP server and its password; anyone mails a conversation's transcript to its contact.
  'email.manage': admins,
  'transcript.email': everyone,
  // API tokens (Settings → API): created and revoked by owners and admins, signed in (a token never mints tokens).
  'api_token.manage': admins,
  // Tasks on the conversations and contacts one sees: anyone adds, changes, completes and snoozes them; a task is deleted by its creator, its assignee or a supervisor.
  'task.view': everyone,
  'task.create': everyone,
  'task.update': everyone,
  'task.delete_others': supervisors,
  // The knowledge base: everyone reads articles (drafts too, to answer with them); owners, admins and supervisors write and publish them.
  'article.view': everyone,
  'article.manage': supervisors,
  // Intents (Settings → Intents): owners and admins train the model, roll it back and set routing by intent per inbox.
  'intent.manage': admins,
  'product.view': everyone,
  'product.manage': admins,
  // Proactive triggers (Settings → Triggers): supervisors read them and their figures; owners and admins set them.
  'trigger.view': supervisors,
  'trigger.manage': admins,
  // Sales attribution (the Sales page): supervisors read revenue, conversion and goals; admins set the window, currency, rates, goals and signed purchases.
  'sales.view': supervisors,
  'sales.manage': admins,
} satisfies Record<string, OperatorRole[]>;

export type Action = keyof typeof RULES;

export function can(role: OperatorRole, action: Action): boolean {
  return (RULES[action] as OperatorRole[]).includes(role);
}

export function authorize(actor: { role: OperatorRole }, action: Action): void {
  if (!can(actor.role, action)) throw forbidden();
}

/** Roles an actor may hand out: only an owner makes owners; admins make admins, supervisors and operators. */
export function canGrantRole(actor: OperatorRole, role: OperatorRole): boolean {
  if (actor === 'owner') return true;
  return actor === 'admin' && role !== 'owner';
}
