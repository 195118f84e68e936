/**
 * The permission table of the HTTP API, written out: who may call each route.
 * Every route must have its row (a new route without one fails here), and each
 * row is checked for real: the roles it allows get past the permission check,
 * the others get 403, and nobody signed out gets in.
 *
 * Rows marked `scoped` touch a conversation, contact or visitor: they run
 * again for every role against one of their own team, one of another team
 * and one of another workspace (policy/visibility.ts): owners and admins get
 * past for both teams, supervisors and operators get 404 for the other team,
 * everyone gets 404 for the other workspace (as if it did not exist).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

type Role = 'owner' | 'admin' | 'supervisor' | 'operator';
const ROLES: Role[] = ['owner', 'admin', 'supervisor', 'operator'];
const everyone: Role[] = ['owner', 'admin', 'supervisor', 'operator'];
const supervisors: Role[] = ['owner', 'admin', 'supervisor'];
const admins: Role[] = ['owner', 'admin'];
/** Where the conversation, contact or visitor of a scoped row is. */
type Place = 'own team' | 'other team' | 'other workspace';
const PLACES: Place[] = ['own team', 'other team', 'other workspace'];

interface Fixtures {
  conversationId: string;
  /** The team the conversation is in. */
  conversationTeamId: string | null;
  contactId: string;
  visitorId: string;
  visitorToken: string;
  inboxId: string;
  attachmentId: string;
  websiteKey: string;
  /** A new operator of the workspace to change, for each call. */
  newOperatorId(): Promise<string>;
  /** A new operator of the workspace, a member of the team every test operator is in, for each call. */
  newTeamMateId(): Promise<string>;
  /** A new label, for each call. */
  newLabelId(): Promise<string>;
  /** Two conversations of one new visitor: [the one that stays, the one merged into it]. */
  twoConversations(): Promise<[string, string]>;
  /** The visitor's conversation, ended by the visitor (so it can be rated). */
  endedConversationId(): Promise<string>;
  /** A new message the owner scheduled in the conversation, for each call. */
  newScheduledId(): Promise<string>;
  /** A new task the owner added on the conversation, for each call. */
  newTaskId(): Promise<string>;
  /** A team every test operator (owner, admin, operator) is a member of. */
  teamId: string;
  /** A new team with one member, for each call. */
  newTeam(): Promise<{ id: string; memberId: string }>;
  /** A new canned response of the team above (its members may change it), for each call. */
  newCannedId(): Promise<string>;
  /** A new contact with nothing behind it (no visitor, no conversation), for each call. */
  newContactId(): Promise<string>;
  /** A new contact attribute, for each call. */
  newAttributeId(): Promise<string>;
  /** A new uploaded CSV import of one row, for each call; `checked`: its rows checked too. */
  newImportId(checked?: boolean): Promise<string>;
  /** A workspace macro that sets the status to pending. */
  macroId: string;
  /** A new workspace macro, for each call. */
  newMacroId(): Promise<string>;
  /** A new SLA policy, for each call. */
  newSlaPolicyId(): Promise<string>;
  /** A new rule, for each call. */
  newRuleId(): Promise<string>;
  /** A new draft article, for each call. */
  newArticleId(): Promise<string>;
  /** A new published article, for each call. */
  newPublishedArticleId(): Promise<string>;
  /** A new help centre category, for each call. */
  newCategoryId(): Promise<string>;
  /** Every rule of the workspace, in order. */
  ruleIds(): Promise<string[]>;
  unique(): string;
}

interface Call {
  path: string;
  body?: unknown;
  /** A file upload instead of a JSON body. */
  file?: boolean;
  /** A CSV file upload. */
  csv?: string;
}

/** `roles`: who may (operators by role); 'visitor': a visitor token and website key; 'public': no sign-in. */
type Row = { roles: Role[] | 'visitor' | 'public'; call: (f: Fixtures) => Call | Promise<Call>; freshSession?: true; scoped?: true };

const TABLE: Record<string, Row> = {
  'POST /api/v1/auth/login': { roles: 'public', call: () => ({ path: '/api/v1/auth/login', body: { email: 'nobody@example.com', password: 'x' } }) },
  // Signs out a session of its own each time, so the others stay signed in.
  'POST /api/v1/auth/logout': { roles: everyone, call: () => ({ path: '/api/v1/auth/logout', body: {} }), freshSession: true },
  'GET /api/v1/auth/me': { roles: everyone, call: () => ({ path: '/api/v1/auth/me' }) },
  'PATCH /api/v1/auth/me': { roles: everyone, call: () => ({ path: '/api/v1/auth/me', body: { awayAfterMinutes: 15 } }) },
  'POST /api/v1/auth/accept-invite': {
    roles: 'public',
    call: () => ({ path: '/api/v1/auth/accept-invite', body: { token: 'not-a-real-invite', password: 'lantern-orchard-basalt' } }),
  },
  'GET /api/v1/operators': { roles: everyone, call: () => ({ path: '/api/v1/operators' }) },
  'POST /api/v1/operators': { roles: admins, call: (f) => ({ path: '/api/v1/operators', body: { email: `${f.unique()}@example.com`, name: 'New one' } }) },
  'GET /api/v1/operators/:id': { roles: everyone, call: async (f) => ({ path: `/api/v1/operators/${await f.newOperatorId()}` }) },
  'PATCH /api/v1/operators/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/operators/${await f.newOperatorId()}`, body: { name: 'Renamed' } }) },
  'GET /api/v1/inboxes': { roles: everyone, call: () => ({ path: '/api/v1/inboxes' }) },
  'POST /api/v1/inboxes': { roles: admins, call: () => ({ path: '/api/v1/inboxes', body: { name: 'Another site' } }) },
  'GET /api/v1/inboxes/:id': { roles: everyone, call: (f) => ({ path: `/api/v1/inboxes/${f.inboxId}` }) },
  'PATCH /api/v1/inboxes/:id': { roles: admins, call: (f) => ({ path: `/api/v1/inboxes/${f.inboxId}`, body: { settings: { greeting: 'Hello' } } }) },
  'POST /api/v1/inboxes/:id/identity-secret': { roles: admins, call: (f) => ({ path: `/api/v1/inboxes/${f.inboxId}/identity-secret`, body: {} }) },
  'GET /api/v1/conversations': { roles: everyone, call: () => ({ path: '/api/v1/conversations' }) },
  'GET /api/v1/conversations/:id': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}` }) },
  'GET /api/v1/conversations/:id/messages': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/messages` }) },
  'POST /api/v1/conversations/:id/messages': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/messages`, body: { body: 'A reply' } }),
  },
  'POST /api/v1/conversations/:id/assign': {
    scoped: true,
    roles: supervisors,
    call: async (f) => ({ path: `/api/v1/conversations/${f.conversationId}/assign`, body: { operatorId: await f.newOperatorId() } }),
  },
  'POST /api/v1/conversations/:id/status': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/status`, body: { status: 'pending' } }),
  },
  'GET /api/v1/conversations/:id/notes': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/notes` }) },
  'POST /api/v1/conversations/:id/notes': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/notes`, body: { body: 'A private note' } }),
  },
  'GET /api/v1/tasks': { roles: everyone, call: () => ({ path: '/api/v1/tasks?view=all' }) },
  'POST /api/v1/tasks': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: '/api/v1/tasks', body: { conversationId: f.conversationId, title: 'Follow up on Friday', dueAt: Date.now() + 3600_000 } }),
  },
  'GET /api/v1/tasks/:id': { scoped: true, roles: everyone, call: async (f) => ({ path: `/api/v1/tasks/${await f.newTaskId()}` }) },
  'PATCH /api/v1/tasks/:id': {
    scoped: true,
    roles: everyone,
    call: async (f) => ({ path: `/api/v1/tasks/${await f.newTaskId()}`, body: { title: 'Renamed' } }),
  },
  'POST /api/v1/tasks/:id/complete': {
    scoped: true,
    roles: everyone,
    call: async (f) => ({ path: `/api/v1/tasks/${await f.newTaskId()}/complete`, body: {} }),
  },
  'POST /api/v1/tasks/:id/reopen': { scoped: true, roles: everyone, call: async (f) => ({ path: `/api/v1/tasks/${await f.newTaskId()}/reopen`, body: {} }) },
  'POST /api/v1/tasks/:id/snooze': {
    scoped: true,
    roles: everyone,
    call: async (f) => ({ path: `/api/v1/tasks/${await f.newTaskId()}/snooze`, body: { until: Date.now() + 7200_000 } }),
  },
  // The owner's task: its creator, its assignee and supervisors may delete it.
  'DELETE /api/v1/tasks/:id': { scoped: true, roles: supervisors, call: async (f) => ({ path: `/api/v1/tasks/${await f.newTaskId()}` }) },
  'GET /api/v1/conversations/:id/scheduled': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/scheduled` }) },
  'POST /api/v1/conversations/:id/scheduled': {
    scoped: true,
    roles: everyone,
    call: (f) => ({
      path: `/api/v1/conversations/${f.conversationId}/scheduled`,
      body: { body: 'Later', sendAt: Date.now() + 3600_000, clientId: f.unique() },
    }),
  },
  // The owner's scheduled message: its author, supervisors and admins may cancel it.
  'DELETE /api/v1/conversations/:id/scheduled/:scheduledId': {
    scoped: true,
    roles: supervisors,
    call: async (f) => ({ path: `/api/v1/conversations/${f.conversationId}/scheduled/${await f.newScheduledId()}` }),
  },
  'POST /api/v1/conversations/:id/mentions/seen': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/mentions/seen`, body: {} }),
  },
  'POST /api/v1/conversations/:id/read': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/read`, body: { seq: 1 } }),
  },
  'POST /api/v1/conversations/:id/attachments': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/attachments`, file: true }),
  },
  'GET /api/v1/attachments/:id': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/attachments/${f.attachmentId}` }) },
  // The signature is the permission (widget-experience.test.ts checks a wrong, expired or other file's one is refused).
  'GET /api/v1/attachments/:id/signed': {
    roles: 'public',
    call: (f) => ({ path: `/api/v1/attachments/${f.attachmentId}/signed?expires=${Date.now() + 60_000}&signature=AAAA` }),
  },
  'GET /api/v1/conversations/:id/transcript': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/transcript` }),
  },
  'GET /api/v1/email/settings': { roles: admins, call: () => ({ path: '/api/v1/email/settings' }) },
  'PATCH /api/v1/email/settings': { roles: admins, call: () => ({ path: '/api/v1/email/settings', body: { fromName: 'Shop Support' } }) },
  'POST /api/v1/email/settings/test': { roles: admins, call: () => ({ path: '/api/v1/email/settings/test', body: {} }) },
  'GET /api/v1/conversations/:id/emails': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/emails` }) },
  'POST /api/v1/conversations/:id/transcript/email': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/transcript/email`, body: {} }),
  },
  'GET /api/v1/auth/me/email-preferences': { roles: everyone, call: () => ({ path: '/api/v1/auth/me/email-preferences' }) },
  'PATCH /api/v1/auth/me/email-preferences': { roles: everyone, call: () => ({ path: '/api/v1/auth/me/email-preferences', body: { onMention: true } }) },
  'PUT /api/v1/auth/me/avatar': { roles: everyone, call: () => ({ path: '/api/v1/auth/me/avatar', file: true }) },
  'DELETE /api/v1/auth/me/avatar': { roles: everyone, call: () => ({ path: '/api/v1/auth/me/avatar' }) },
  'GET /api/v1/avatars/:key': { roles: 'public', call: () => ({ path: '/api/v1/avatars/not-a-picture-key' }) },
  'GET /api/v1/email/inboxes': { roles: everyone, call: () => ({ path: '/api/v1/email/inboxes' }) },
  'POST /api/v1/email/inboxes': {
    roles: admins,
    call: (f) => ({ path: '/api/v1/email/inboxes', body: { name: 'Support mail', address: `${f.unique()}@mail.example.com` } }),
  },
  'PATCH /api/v1/email/inboxes/:id': { roles: admins, call: (f) => ({ path: `/api/v1/email/inboxes/${f.inboxId}`, body: { name: 'Renamed' } }) },
  'GET /api/v1/email/relay': { roles: admins, call: () => ({ path: '/api/v1/email/relay' }) },
  'POST /api/v1/email/relay/secret': { roles: admins, call: () => ({ path: '/api/v1/email/relay/secret', body: {} }) },
  // The relay secret is the permission (email-inbound.test.ts checks a missing or wrong one is refused).
  'POST /api/v1/email/inbound': { roles: 'public', call: () => ({ path: '/api/v1/email/inbound', body: {} }) },
  'GET /api/v1/contacts': { roles: everyone, call: () => ({ path: '/api/v1/contacts' }) },
  'GET /api/v1/contacts/:id': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/contacts/${f.contactId}` }) },
  'PATCH /api/v1/contacts/:id': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/contacts/${f.contactId}`, body: { name: 'Maya Chen' } }) },
  'POST /api/v1/contacts': { roles: everyone, call: (f) => ({ path: '/api/v1/contacts', body: { name: `Contact ${f.unique()}` } }) },
  'DELETE /api/v1/contacts/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/contacts/${await f.newContactId()}` }) },
  'GET /api/v1/contacts/:id/conversations': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/contacts/${f.contactId}/conversations` }) },
  'GET /api/v1/contacts/:id/notes': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/contacts/${f.contactId}/notes` }) },
  'POST /api/v1/contacts/:id/notes': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/contacts/${f.contactId}/notes`, body: { body: 'Called back' } }),
  },
  'POST /api/v1/contacts/:id/labels': {
    scoped: true,
    roles: everyone,
    call: async (f) => ({ path: `/api/v1/contacts/${f.contactId}/labels`, body: { add: [await f.newLabelId()] } }),
  },
  // A new contact (nothing behind it) merged into the place's contact.
  'POST /api/v1/contacts/:id/merge': {
    scoped: true,
    roles: everyone,
    call: async (f) => ({ path: `/api/v1/contacts/${f.contactId}/merge`, body: { contactId: await f.newContactId() } }),
  },
  'GET /api/v1/contacts/export': { roles: admins, call: () => ({ path: '/api/v1/contacts/export' }) },
  'POST /api/v1/contact-imports': {
    roles: admins,
    call: (f) => ({ path: '/api/v1/contact-imports', csv: `name,email\nImported,${f.unique()}@example.com\n` }),
  },
  'GET /api/v1/contact-imports/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/contact-imports/${await f.newImportId()}` }) },
  'POST /api/v1/contact-imports/:id/check': {
    roles: admins,
    call: async (f) => ({ path: `/api/v1/contact-imports/${await f.newImportId()}/check`, body: { mapping: ['name', 'email'] } }),
  },
  'POST /api/v1/contact-imports/:id/start': {
    roles: admins,
    call: async (f) => ({ path: `/api/v1/contact-imports/${await f.newImportId(true)}/start`, body: {} }),
  },
  'DELETE /api/v1/contact-imports/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/contact-imports/${await f.newImportId()}` }) },
  'GET /api/v1/contact-attributes': { roles: everyone, call: () => ({ path: '/api/v1/contact-attributes' }) },
  'POST /api/v1/contact-attributes': {
    roles: admins,
    call: (f) => ({ path: '/api/v1/contact-attributes', body: { key: `k_${f.unique().toLowerCase()}`, label: 'Plan', type: 'text' } }),
  },
  'PATCH /api/v1/contact-attributes/:id': {
    roles: admins,
    call: async (f) => ({ path: `/api/v1/contact-attributes/${await f.newAttributeId()}`, body: { label: 'Renamed' } }),
  },
  'DELETE /api/v1/contact-attributes/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/contact-attributes/${await f.newAttributeId()}` }) },
  'POST /api/v1/contact-attributes/order': {
    roles: admins,
    call: async () => {
      const all = await api<{ items: { id: string }[] }>(s.url, '/api/v1/contact-attributes', { token: tokens.owner });
      return { path: '/api/v1/contact-attributes/order', body: { ids: all.body.items.map((a) => a.id).reverse() } };
    },
  },
  // Scoped like the inbox for supervisors (visibility.test.ts checks what is in it).
  'GET /api/v1/conversations/export': { roles: supervisors, call: () => ({ path: '/api/v1/conversations/export?view=all' }) },
  'GET /api/v1/visitors/:id': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/visitors/${f.visitorId}` }) },
  'GET /api/v1/visitors/:id/pages': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/visitors/${f.visitorId}/pages` }) },
  'GET /api/v1/visitors/:id/events': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/visitors/${f.visitorId}/events` }) },
  // The visitor is not on the site: past the permission check, refused with 409.
  'POST /api/v1/visitors/:id/conversations': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/visitors/${f.visitorId}/conversations`, body: { body: 'Can I help you choose?' } }),
  },
  'GET /api/v1/labels': { roles: everyone, call: () => ({ path: '/api/v1/labels' }) },
  'GET /api/v1/search': { roles: everyone, call: () => ({ path: '/api/v1/search?q=hello' }) },
  'POST /api/v1/labels': { roles: admins, call: (f) => ({ path: '/api/v1/labels', body: { name: f.unique() } }) },
  'PATCH /api/v1/labels/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/labels/${await f.newLabelId()}`, body: { color: '#aa0000' } }) },
  'DELETE /api/v1/labels/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/labels/${await f.newLabelId()}` }) },
  'POST /api/v1/conversations/:id/labels': {
    scoped: true,
    roles: everyone,
    call: async (f) => ({ path: `/api/v1/conversations/${f.conversationId}/labels`, body: { add: [await f.newLabelId()] } }),
  },
  // Back to the team it is in, wherever the row's place is: only who may see it may move it.
  'POST /api/v1/conversations/:id/team': {
    scoped: true,
    roles: supervisors,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/team`, body: { teamId: f.conversationTeamId } }),
  },
  'GET /api/v1/conversations/counts': { roles: everyone, call: () => ({ path: '/api/v1/conversations/counts' }) },
  'POST /api/v1/conversations/:id/snooze': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/snooze`, body: { until: null } }),
  },
  'GET /api/v1/conversations/:id/related': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/related` }) },
  'POST /api/v1/conversations/:id/merge': {
    scoped: true,
    roles: everyone,
    call: async (f) => {
      const [into, from] = await f.twoConversations();
      return { path: `/api/v1/conversations/${into}/merge`, body: { conversationId: from } };
    },
  },
  'GET /api/v1/widget/look': { roles: 'public', call: (f) => ({ path: `/api/v1/widget/look?key=${f.websiteKey}` }) },
  'POST /api/v1/widget/session': { roles: 'public', call: (f) => ({ path: '/api/v1/widget/session', body: { websiteKey: f.websiteKey } }) },
  'GET /api/v1/widget/conversations': { roles: 'visitor', call: () => ({ path: '/api/v1/widget/conversations' }) },
  'GET /api/v1/widget/conversations/:id/messages': { roles: 'visitor', call: (f) => ({ path: `/api/v1/widget/conversations/${f.conversationId}/messages` }) },
  'POST /api/v1/widget/conversations/:id/end': { roles: 'visitor', call: (f) => ({ path: `/api/v1/widget/conversations/${f.conversationId}/end`, body: {} }) },
  'PUT /api/v1/widget/conversations/:id/rating': {
    roles: 'visitor',
    call: async (f) => ({ path: `/api/v1/widget/conversations/${await f.endedConversationId()}/rating`, body: { rating: 4, comment: 'Quick' } }),
  },
  'GET /api/v1/widget/conversations/:id/transcript': {
    roles: 'visitor',
    call: (f) => ({ path: `/api/v1/widget/conversations/${f.conversationId}/transcript?format=text` }),
  },
  'POST /api/v1/widget/conversations/:id/transcript/email': {
    roles: 'visitor',
    call: async (f) => {
      await mailable(f.conversationId);
      return { path: `/api/v1/widget/conversations/${f.conversationId}/transcript/email` };
    },
  },
  'POST /api/v1/widget/identify': { roles: 'visitor', call: () => ({ path: '/api/v1/widget/identify', body: { name: 'Maya' } }) },
  'POST /api/v1/widget/events': { roles: 'visitor', call: () => ({ path: '/api/v1/widget/events', body: { name: 'Added to cart', data: { value: 42 } } }) },
  'POST /api/v1/widget/offline-message': {
    roles: 'visitor',
    call: (f) => ({ path: '/api/v1/widget/offline-message', body: { clientId: f.unique(), email: 'maya@example.com', message: 'Please call me back' } }),
  },
  'POST /api/v1/widget/pre-chat': { roles: 'visitor', call: (f) => ({ path: '/api/v1/widget/pre-chat', body: { clientId: f.unique(), message: 'Hello' } }) },
  'GET /api/v1/widget/articles/suggest': {
    roles: 'visitor',
    call: () => ({ path: '/api/v1/widget/articles/suggest?q=refunds%20within%2030%20days&locale=en' }),
  },
  'GET /api/v1/widget/articles/:id': { roles: 'visitor', call: async (f) => ({ path: `/api/v1/widget/articles/${await f.newPublishedArticleId()}` }) },
  'POST /api/v1/widget/articles/:id/vote': {
    roles: 'visitor',
    call: async (f) => ({ path: `/api/v1/widget/articles/${await f.newPublishedArticleId()}/vote`, body: { helpful: true } }),
  },
  'POST /api/v1/widget/attachments': { roles: 'visitor', call: (f) => ({ path: `/api/v1/widget/attachments?conversationId=${f.conversationId}`, file: true }) },
  'GET /api/v1/teams': { roles: everyone, call: () => ({ path: '/api/v1/teams' }) },
  'POST /api/v1/teams': { roles: admins, call: (f) => ({ path: '/api/v1/teams', body: { name: `Team ${f.unique()}` } }) },
  'GET /api/v1/teams/:id': { roles: everyone, call: (f) => ({ path: `/api/v1/teams/${f.teamId}` }) },
  'GET /api/v1/queue': { roles: everyone, call: () => ({ path: '/api/v1/queue' }) },
  // Not waiting: a 409 for those who may take, a 403 for nobody.
  'POST /api/v1/conversations/:id/take': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/take`, body: {} }) },
  'PUT /api/v1/conversations/:id/priority': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/priority`, body: { priority: 'high' } }),
  },
  // Transfer and escalation: to the conversation's own team (it stays where it is, back in its queue); no tier-2 team is set (a 400 past the checks).
  'POST /api/v1/conversations/:id/transfer': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/transfer`, body: { teamId: f.conversationTeamId ?? f.teamId, note: 'Handoff' } }),
  },
  'POST /api/v1/conversations/:id/escalate': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/escalate`, body: { reason: 'Needs tier 2' } }),
  },
  'GET /api/v1/conversations/:id/escalations': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/escalations` }),
  },
  'POST /api/v1/conversations/:id/whisper': {
    scoped: true,
    roles: supervisors,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/whisper`, body: { body: 'A whisper' } }),
  },
  'POST /api/v1/conversations/:id/take-over': {
    scoped: true,
    roles: supervisors,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/take-over`, body: {} }),
  },
  'GET /api/v1/escalation-settings': { roles: everyone, call: () => ({ path: '/api/v1/escalation-settings' }) },
  'PUT /api/v1/escalation-settings': { roles: admins, call: () => ({ path: '/api/v1/escalation-settings', body: { tier2TeamId: null } }) },
  'GET /api/v1/teams/:id/routing': { roles: everyone, call: (f) => ({ path: `/api/v1/teams/${f.teamId}/routing` }) },
  'PATCH /api/v1/teams/:id/routing': {
    roles: admins,
    call: async (f) => ({ path: `/api/v1/teams/${(await f.newTeam()).id}/routing`, body: { defaultCapacity: 2 } }),
  },
  'GET /api/v1/operators/:id/capacity': { roles: everyone, call: async (f) => ({ path: `/api/v1/operators/${await f.newOperatorId()}/capacity` }) },
  'PUT /api/v1/operators/:id/capacity': {
    roles: admins,
    call: async (f) => ({ path: `/api/v1/operators/${await f.newOperatorId()}/capacity`, body: { capacity: 2 } }),
  },
  'PATCH /api/v1/teams/:id': {
    roles: admins,
    call: async (f) => ({ path: `/api/v1/teams/${(await f.newTeam()).id}`, body: { name: `Renamed ${f.unique()}` } }),
  },
  'DELETE /api/v1/teams/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/teams/${(await f.newTeam()).id}` }) },
  'POST /api/v1/teams/:id/members': {
    roles: admins,
    call: async (f) => ({ path: `/api/v1/teams/${(await f.newTeam()).id}/members`, body: { operatorId: await f.newOperatorId() } }),
  },
  'DELETE /api/v1/teams/:id/members/:operatorId': {
    roles: admins,
    call: async (f) => {
      const t = await f.newTeam();
      return { path: `/api/v1/teams/${t.id}/members/${t.memberId}` };
    },
  },
  'GET /api/v1/teams/:id/hours': { roles: everyone, call: (f) => ({ path: `/api/v1/teams/${f.teamId}/hours` }) },
  'PUT /api/v1/teams/:id/hours': {
    roles: admins,
    call: async (f) => ({
      path: `/api/v1/teams/${(await f.newTeam()).id}/hours`,
      body: { timeZone: 'Europe/Paris', weekly: [{ day: 1, start: '09:00', end: '17:00' }], holidays: [{ date: '2027-12-25', name: 'Christmas' }] },
    }),
  },
  'DELETE /api/v1/teams/:id/hours': { roles: admins, call: async (f) => ({ path: `/api/v1/teams/${(await f.newTeam()).id}/hours` }) },
  'GET /api/v1/operators/:id/shifts': { roles: everyone, call: async (f) => ({ path: `/api/v1/operators/${await f.newOperatorId()}/shifts` }) },
  // A supervisor sets the shifts of their teams' members (a member of the team every test operator is in).
  'PUT /api/v1/operators/:id/shifts': {
    roles: supervisors,
    call: async (f) => ({
      path: `/api/v1/operators/${await f.newTeamMateId()}/shifts`,
      body: { timeZone: 'UTC', weekly: [{ day: 2, start: '08:00', end: '16:00' }], exceptions: [{ date: '2027-01-05', off: true }] },
    }),
  },
  'DELETE /api/v1/operators/:id/shifts': { roles: supervisors, call: async (f) => ({ path: `/api/v1/operators/${await f.newTeamMateId()}/shifts` }) },
  'GET /api/v1/team-overview': { roles: everyone, call: () => ({ path: '/api/v1/team-overview' }) },
  'GET /api/v1/rules': { roles: supervisors, call: () => ({ path: '/api/v1/rules' }) },
  'POST /api/v1/rules': {
    roles: admins,
    call: () => ({
      path: '/api/v1/rules',
      body: { name: 'VIP', event: { type: 'conversation_created' }, actions: [{ type: 'set_priority', priority: 'high' }] },
    }),
  },
  'PATCH /api/v1/rules/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/rules/${await f.newRuleId()}`, body: { enabled: false } }) },
  'DELETE /api/v1/rules/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/rules/${await f.newRuleId()}` }) },
  'PUT /api/v1/rules/order': { roles: admins, call: async (f) => ({ path: '/api/v1/rules/order', body: { ids: (await f.ruleIds()).reverse() } }) },
  // API tokens (api-tokens.test.ts checks that a token itself is refused on these).
  'GET /api/v1/api-tokens': { roles: admins, call: () => ({ path: '/api/v1/api-tokens' }) },
  'POST /api/v1/api-tokens': { roles: admins, call: () => ({ path: '/api/v1/api-tokens', body: { name: 'CRM sync', scopes: ['contacts:read'] } }) },
  'DELETE /api/v1/api-tokens/:id': {
    roles: admins,
    call: async () => {
      const r = await api<{ apiToken: { id: string } }>(s.url, '/api/v1/api-tokens', {
        token: tokens.owner,
        body: { name: 'To revoke', scopes: ['contacts:read'] },
      });
      return { path: `/api/v1/api-tokens/${r.body.apiToken.id}` };
    },
  },
  'GET /api/v1/wall': { roles: supervisors, call: () => ({ path: '/api/v1/wall' }) },
  // Webhooks and bots: owners and admins. Endpoints are made turned off, so nothing here calls out.
  'GET /api/v1/article-categories': { roles: everyone, call: () => ({ path: '/api/v1/article-categories' }) },
  'POST /api/v1/article-categories': {
    roles: supervisors,
    call: (f) => ({ path: '/api/v1/article-categories', body: { name: 'Billing', slug: `billing-${f.unique().toLowerCase()}` } }),
  },
  'PATCH /api/v1/article-categories/:id': {
    roles: supervisors,
    call: async (f) => ({ path: `/api/v1/article-categories/${await f.newCategoryId()}`, body: { name: 'Renamed' } }),
  },
  'DELETE /api/v1/article-categories/:id': { roles: supervisors, call: async (f) => ({ path: `/api/v1/article-categories/${await f.newCategoryId()}` }) },
  'GET /api/v1/articles': { roles: everyone, call: () => ({ path: '/api/v1/articles?state=draft' }) },
  'POST /api/v1/articles': {
    roles: supervisors,
    call: (f) => ({ path: '/api/v1/articles', body: { title: 'Refunds', slug: `refunds-${f.unique().toLowerCase()}`, body: 'Within 30 days.' } }),
  },
  'POST /api/v1/articles/preview': { roles: everyone, call: () => ({ path: '/api/v1/articles/preview', body: { body: '# Hello' } }) },
  'GET /api/v1/articles/:id': { roles: everyone, call: async (f) => ({ path: `/api/v1/articles/${await f.newArticleId()}` }) },
  'PATCH /api/v1/articles/:id': { roles: supervisors, call: async (f) => ({ path: `/api/v1/articles/${await f.newArticleId()}`, body: { body: 'Changed' } }) },
  'DELETE /api/v1/articles/:id': { roles: supervisors, call: async (f) => ({ path: `/api/v1/articles/${await f.newArticleId()}` }) },
  'POST /api/v1/articles/:id/publish': { roles: supervisors, call: async (f) => ({ path: `/api/v1/articles/${await f.newArticleId()}/publish`, body: {} }) },
  'POST /api/v1/articles/:id/unpublish': {
    roles: supervisors,
    call: async (f) => ({ path: `/api/v1/articles/${await f.newArticleId()}/unpublish`, body: {} }),
  },
  'GET /api/v1/articles/:id/versions': { roles: everyone, call: async (f) => ({ path: `/api/v1/articles/${await f.newArticleId()}/versions` }) },
  'GET /api/v1/articles/:id/diff': { roles: everyone, call: async (f) => ({ path: `/api/v1/articles/${await f.newArticleId()}/diff?from=1&to=1` }) },
  'GET /api/v1/articles/suggest': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/articles/suggest?conversationId=${f.conversationId}` }),
  },
  'POST /api/v1/articles/:id/inserted': {
    scoped: true,
    roles: everyone,
    call: async (f) => ({ path: `/api/v1/articles/${await f.newPublishedArticleId()}/inserted`, body: { conversationId: f.conversationId, what: 'link' } }),
  },
  // Conversation summaries (G4): whoever sees the conversation.
  'GET /api/v1/conversations/:id/summaries': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/summaries` }) },
  'POST /api/v1/conversations/:id/summaries': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/summaries`, body: {} }),
  },
  'POST /api/v1/articles/:id/versions/:number/restore': {
    roles: supervisors,
    call: async (f) => ({ path: `/api/v1/articles/${await f.newArticleId()}/versions/1/restore`, body: {} }),
  },
  // The curation loop: owners, admins and supervisors. No gap or FAQ draft of that id: past the permission check it is 404.
  'GET /api/v1/content-gaps': { roles: supervisors, call: () => ({ path: '/api/v1/content-gaps' }) },
  'GET /api/v1/content-gaps/:id': { roles: supervisors, call: () => ({ path: '/api/v1/content-gaps/not-a-gap' }) },
  'POST /api/v1/content-gaps/:id/dismiss': { roles: supervisors, call: () => ({ path: '/api/v1/content-gaps/not-a-gap/dismiss', body: {} }) },
  'POST /api/v1/content-gaps/:id/draft': { roles: supervisors, call: () => ({ path: '/api/v1/content-gaps/not-a-gap/draft', body: {} }) },
  'GET /api/v1/faq-drafts': { roles: supervisors, call: () => ({ path: '/api/v1/faq-drafts' }) },
  'POST /api/v1/faq-drafts/mine': { roles: supervisors, call: () => ({ path: '/api/v1/faq-drafts/mine', body: {} }) },
  'POST /api/v1/faq-drafts/:id/create': { roles: supervisors, call: () => ({ path: '/api/v1/faq-drafts/not-a-draft/create', body: {} }) },
  'POST /api/v1/faq-drafts/:id/dismiss': { roles: supervisors, call: () => ({ path: '/api/v1/faq-drafts/not-a-draft/dismiss', body: {} }) },
  // Reply suggestions (G1): everyone on the conversations they see; the figures for owners, admins and supervisors.
  'GET /api/v1/conversations/:id/suggestions': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/suggestions` }),
  },
  'POST /api/v1/conversations/:id/suggestions/events': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/suggestions/events`, body: { suggestionId: 'article:a1', action: 'shown' } }),
  },
  'GET /api/v1/assist/suggestions/stats': { roles: supervisors, call: () => ({ path: '/api/v1/assist/suggestions/stats' }) },
  // Intents: owners and admins train, roll back and set routing by intent; with nothing labelled, training is refused (400) past the permission check.
  'GET /api/v1/intents/models': { roles: admins, call: () => ({ path: '/api/v1/intents/models' }) },
  'POST /api/v1/intents/models': { roles: admins, call: () => ({ path: '/api/v1/intents/models', body: {} }) },
  'GET /api/v1/intents/trainings/:id': { roles: admins, call: () => ({ path: '/api/v1/intents/trainings/not-a-training' }) },
  'POST /api/v1/intents/models/:id/activate': { roles: admins, call: () => ({ path: '/api/v1/intents/models/not-a-model/activate', body: {} }) },
  'GET /api/v1/inboxes/:id/intent-routing': { roles: admins, call: (f) => ({ path: `/api/v1/inboxes/${f.inboxId}/intent-routing` }) },
  'PUT /api/v1/inboxes/:id/intent-routing': {
    roles: admins,
    call: (f) => ({ path: `/api/v1/inboxes/${f.inboxId}/intent-routing`, body: { enabled: false, routes: [] } }),
  },
  'GET /api/v1/conversations/:id/intent': { scoped: true, roles: everyone, call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/intent` }) },
  // The catalogue: every operator reads it (to insert products in a reply); an unknown product is 404 past the permission check.
  'GET /api/v1/products': { roles: everyone, call: () => ({ path: '/api/v1/products?q=lamp' }) },
  'GET /api/v1/products/:productId': { roles: everyone, call: () => ({ path: '/api/v1/products/not-a-product' }) },
  'GET /api/v1/products/categories': { roles: everyone, call: () => ({ path: '/api/v1/products/categories' }) },
  // Writing the catalogue is for owners and admins.
  'PUT /api/v1/products/:productId': {
    roles: admins,
    call: (f) => ({ path: `/api/v1/products/perm-${f.unique()}`, body: { name: 'Desk lamp', price: 19.5, currency: 'EUR' } }),
  },
  'DELETE /api/v1/products/:productId': { roles: admins, call: () => ({ path: '/api/v1/products/not-a-product' }) },
  'POST /api/v1/products/imports/preview': {
    roles: admins,
    call: (f) => ({
      path: '/api/v1/products/imports/preview',
      csv: `id,name,price,currency
${f.unique()},Lamp,9.5,EUR
`,
    }),
  },
  'POST /api/v1/products/imports': {
    roles: admins,
    call: (f) => ({
      path: '/api/v1/products/imports',
      csv: `id,name,price,currency
${f.unique()},Lamp,9.5,EUR
`,
    }),
  },
  // Widgets load the checked copy of a product's image without signing in; an unknown product is 404.
  'GET /api/v1/product-images/:workspaceId/:productId': { roles: 'public', call: () => ({ path: '/api/v1/product-images/no-workspace/no-product?v=1' }) },
  // Product suggestions (E3): everyone who reads the catalogue, on the conversations they see.
  'GET /api/v1/conversations/:id/product-suggestions': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/product-suggestions` }),
  },
  // Rich messages: the visitor's clicks in a quick-reply message the owner sent them; operators read a conversation's clicks.
  'POST /api/v1/widget/conversations/:id/clicks': {
    roles: 'visitor',
    call: async (f) => {
      const sent = await api<{ message: { id: string } }>(s.url, `/api/v1/conversations/${f.conversationId}/messages`, {
        token: tokens.owner,
        body: { body: 'Which size?', rich: { type: 'quick_replies', options: ['Small', 'Large'] } },
      });
      return {
        path: `/api/v1/widget/conversations/${f.conversationId}/clicks`,
        body: { messageId: sent.body.message.id, action: 'quick_reply', optionId: 'o1' },
      };
    },
  },
  'GET /api/v1/conversations/:id/rich-clicks': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/rich-clicks` }),
  },
  'GET /api/v1/articles/effectiveness': { roles: supervisors, call: () => ({ path: '/api/v1/articles/effectiveness' }) },
  'GET /api/v1/webhooks': { roles: admins, call: () => ({ path: '/api/v1/webhooks' }) },
  'POST /api/v1/webhooks': {
    roles: admins,
    call: (f) => ({ path: '/api/v1/webhooks', body: { url: `https://hooks.example.com/${f.unique()}`, eventTypes: ['message.created'], enabled: false } }),
  },
  'PATCH /api/v1/webhooks/:id': { roles: admins, call: async () => ({ path: `/api/v1/webhooks/${await newWebhookId()}`, body: { description: 'Renamed' } }) },
  'DELETE /api/v1/webhooks/:id': { roles: admins, call: async () => ({ path: `/api/v1/webhooks/${await newWebhookId()}` }) },
  'POST /api/v1/webhooks/:id/secret': { roles: admins, call: async () => ({ path: `/api/v1/webhooks/${await newWebhookId()}/secret`, body: {} }) },
  'GET /api/v1/webhooks/:id/deliveries': { roles: admins, call: async () => ({ path: `/api/v1/webhooks/${await newWebhookId()}/deliveries` }) },
  // No delivery of that id: past the permission check it is 404.
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/resend': {
    roles: admins,
    call: async () => ({ path: `/api/v1/webhooks/${await newWebhookId()}/deliveries/msg_none/resend`, body: {} }),
  },
  'GET /api/v1/webhook-settings': { roles: admins, call: () => ({ path: '/api/v1/webhook-settings' }) },
  'PUT /api/v1/webhook-settings': { roles: admins, call: () => ({ path: '/api/v1/webhook-settings', body: { allowPrivateTargets: false } }) },
  // The optional language model: owners and admins. Its address is a loopback literal with private addresses not allowed,
  // so the connection test is refused before anything leaves the machine; removing one that is not set is 404.
  'GET /api/v1/assist/language-model': { roles: admins, call: () => ({ path: '/api/v1/assist/language-model' }) },
  'PUT /api/v1/assist/language-model': {
    roles: admins,
    call: () => ({ path: '/api/v1/assist/language-model', body: { endpointUrl: 'http://127.0.0.1:9/v1', model: 'm', allowPrivateAddresses: false } }),
  },
  'DELETE /api/v1/assist/language-model': { roles: admins, call: () => ({ path: '/api/v1/assist/language-model' }) },
  'POST /api/v1/assist/language-model/test': { roles: admins, call: () => ({ path: '/api/v1/assist/language-model/test', body: {} }) },
  'GET /api/v1/bots': { roles: admins, call: () => ({ path: '/api/v1/bots' }) },
  // The first allowed call registers the inbox's bot, the next ones are told it has one (409): past the permission check either way.
  // Its address is a loopback literal, refused while private targets are not allowed: nothing leaves the machine.
  'POST /api/v1/bots': {
    roles: admins,
    call: (f) => ({ path: '/api/v1/bots', body: { inboxId: f.inboxId, name: 'Helper', webhookUrl: 'http://127.0.0.1:9/hook' } }),
  },
  'DELETE /api/v1/bots/:id': { roles: admins, call: () => ({ path: '/api/v1/bots/not-a-bot' }) },
  'GET /api/v1/bots/:id/deliveries': { roles: admins, call: () => ({ path: '/api/v1/bots/not-a-bot/deliveries' }) },
  // The bot's own routes take its sbb_ token, not a session (checked in webhooks.test.ts: 401 for an operator's token).
  'POST /api/v1/bot/conversations/:id/messages': {
    roles: 'public',
    call: (f) => ({ path: `/api/v1/bot/conversations/${f.conversationId}/messages`, body: { body: 'Hi' } }),
  },
  'POST /api/v1/bot/conversations/:id/handover': {
    roles: 'public',
    call: (f) => ({ path: `/api/v1/bot/conversations/${f.conversationId}/handover`, body: {} }),
  },
  'GET /api/v1/canned-responses': { roles: everyone, call: () => ({ path: '/api/v1/canned-responses?q=ret' }) },
  'POST /api/v1/canned-responses': {
    roles: everyone,
    call: (f) => ({ path: '/api/v1/canned-responses', body: { shortcut: f.unique(), title: 'Returns', body: 'Send it back within 30 days.' } }),
  },
  'GET /api/v1/canned-responses/export': { roles: everyone, call: () => ({ path: '/api/v1/canned-responses/export' }) },
  'POST /api/v1/canned-responses/import': {
    roles: everyone,
    call: (f) => ({ path: '/api/v1/canned-responses/import', csv: `shortcut,title,body\n${f.unique()},Hello,Hi there\n` }),
  },
  'GET /api/v1/canned-responses/:id': { roles: everyone, call: async (f) => ({ path: `/api/v1/canned-responses/${await f.newCannedId()}` }) },
  'PATCH /api/v1/canned-responses/:id': {
    roles: everyone,
    call: async (f) => ({ path: `/api/v1/canned-responses/${await f.newCannedId()}`, body: { title: 'Renamed' } }),
  },
  'DELETE /api/v1/canned-responses/:id': { roles: everyone, call: async (f) => ({ path: `/api/v1/canned-responses/${await f.newCannedId()}` }) },
  'GET /api/v1/macros': { roles: everyone, call: () => ({ path: '/api/v1/macros' }) },
  'POST /api/v1/macros': {
    roles: everyone,
    call: () => ({ path: '/api/v1/macros', body: { name: 'Mark pending', actions: [{ kind: 'set_status', input: { status: 'pending' } }] } }),
  },
  'GET /api/v1/macros/:id': { roles: everyone, call: (f) => ({ path: `/api/v1/macros/${f.macroId}` }) },
  // A workspace macro: admins change it (an operator's own personal macros are theirs to change, see macros.http.test.ts).
  'PATCH /api/v1/macros/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/macros/${await f.newMacroId()}`, body: { name: 'Renamed' } }) },
  'DELETE /api/v1/macros/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/macros/${await f.newMacroId()}` }) },
  'GET /api/v1/sla-policies': { roles: everyone, call: () => ({ path: '/api/v1/sla-policies' }) },
  'POST /api/v1/sla-policies': {
    roles: admins,
    call: (f) => ({ path: '/api/v1/sla-policies', body: { name: `SLA ${f.unique()}`, firstResponseSeconds: 600 } }),
  },
  'PUT /api/v1/sla-policies/:id': {
    roles: admins,
    call: async (f) => ({ path: `/api/v1/sla-policies/${await f.newSlaPolicyId()}`, body: { name: `SLA ${f.unique()}`, resolutionSeconds: 3600 } }),
  },
  'DELETE /api/v1/sla-policies/:id': { roles: admins, call: async (f) => ({ path: `/api/v1/sla-policies/${await f.newSlaPolicyId()}` }) },
  'GET /api/v1/inboxes/:id/sla-policy': { roles: everyone, call: (f) => ({ path: `/api/v1/inboxes/${f.inboxId}/sla-policy` }) },
  'PUT /api/v1/inboxes/:id/sla-policy': {
    roles: admins,
    call: async (f) => ({ path: `/api/v1/inboxes/${f.inboxId}/sla-policy`, body: { policyId: await f.newSlaPolicyId() } }),
  },
  'GET /api/v1/inboxes/:id/virtual-agent': { roles: admins, call: (f) => ({ path: `/api/v1/inboxes/${f.inboxId}/virtual-agent` }) },
  // Kept off: the fixtures' conversations stay in people's hands.
  'PUT /api/v1/inboxes/:id/virtual-agent': {
    roles: admins,
    call: (f) => ({ path: `/api/v1/inboxes/${f.inboxId}/virtual-agent`, body: { enabled: false, name: 'Ava', maxTurns: 3, threshold: 0.5 } }),
  },
  'POST /api/v1/widget/conversations/:id/handover': {
    roles: 'visitor',
    call: (f) => ({ path: `/api/v1/widget/conversations/${f.conversationId}/handover`, body: {} }),
  },
  'GET /api/v1/teams/:id/sla-policy': { roles: everyone, call: (f) => ({ path: `/api/v1/teams/${f.teamId}/sla-policy` }) },
  'PUT /api/v1/teams/:id/sla-policy': {
    roles: admins,
    call: async (f) => ({ path: `/api/v1/teams/${(await f.newTeam()).id}/sla-policy`, body: { policyId: await f.newSlaPolicyId() } }),
  },
  'POST /api/v1/conversations/:id/macros/:macroId/run': {
    scoped: true,
    roles: everyone,
    call: (f) => ({ path: `/api/v1/conversations/${f.conversationId}/macros/${f.macroId}/run`, body: {} }),
  },
  'GET /api/v1/inboxes/:id/triggers': { roles: supervisors, call: (f) => ({ path: `/api/v1/inboxes/${f.inboxId}/triggers` }) },
  'POST /api/v1/inboxes/:id/triggers': {
    roles: admins,
    call: (f) => ({ path: `/api/v1/inboxes/${f.inboxId}/triggers`, body: { name: 'Welcome', enabled: false, messages: { a: { en: 'Hello' } } } }),
  },
  'GET /api/v1/triggers/:id': { roles: supervisors, call: async () => ({ path: `/api/v1/triggers/${await newTriggerId()}` }) },
  'PATCH /api/v1/triggers/:id': { roles: admins, call: async () => ({ path: `/api/v1/triggers/${await newTriggerId()}`, body: { name: 'Renamed' } }) },
  'DELETE /api/v1/triggers/:id': { roles: admins, call: async () => ({ path: `/api/v1/triggers/${await newTriggerId()}` }) },
  'GET /api/v1/triggers/:id/stats': { roles: supervisors, call: async () => ({ path: `/api/v1/triggers/${await newTriggerId()}/stats` }) },
  'GET /api/v1/widget/triggers': { roles: 'public', call: (f) => ({ path: `/api/v1/widget/triggers?key=${f.websiteKey}` }) },
  'POST /api/v1/widget/triggers/:id/impressions': {
    roles: 'visitor',
    call: async () => ({ path: `/api/v1/widget/triggers/${await newTriggerId(true)}/impressions`, body: { variant: 'a' } }),
  },
  'POST /api/v1/widget/trigger-impressions/:id/reply': {
    roles: 'visitor',
    call: async () => ({ path: `/api/v1/widget/trigger-impressions/${await newImpressionId()}/reply`, body: {} }),
  },
  // Sales attribution (E4): supervisors read the reports and settings, admins change the settings.
  'POST /api/v1/purchases': {
    roles: admins,
    call: () => ({ path: '/api/v1/purchases', body: { visitorId: 'not-a-visitor', orderId: 'A-1', value: 1, currency: 'EUR' } }),
  },
  'GET /api/v1/sales/settings': { roles: supervisors, call: () => ({ path: '/api/v1/sales/settings' }) },
  'PUT /api/v1/sales/settings': { roles: admins, call: () => ({ path: '/api/v1/sales/settings', body: { attributionWindowDays: 7 } }) },
  'GET /api/v1/sales/report': { roles: supervisors, call: () => ({ path: '/api/v1/sales/report?groupBy=team' }) },
  'GET /api/v1/sales/timeseries': { roles: supervisors, call: () => ({ path: '/api/v1/sales/timeseries' }) },
};

let s: TestServer;
const tokens = {} as Record<Role, string>;
const passwords = {} as Record<Role, { email: string; password: string }>;
let f: Fixtures;

/** A new trigger of the test inbox (turned off unless `enabled`), for each call. */
async function newTriggerId(enabled = false): Promise<string> {
  const r = await api<{ id: string }>(s.url, `/api/v1/inboxes/${f.inboxId}/triggers`, {
    token: tokens.owner,
    body: { name: `Trigger ${f.unique()}`, enabled, messages: { a: { en: 'Hello' } } },
  });
  return r.body.id;
}

/** A new impression of a new trigger, shown to the test visitor. */
async function newImpressionId(): Promise<string> {
  const r = await api<{ impressionId: string }>(s.url, `/api/v1/widget/triggers/${await newTriggerId(true)}/impressions`, {
    token: f.visitorToken,
    headers: { 'x-website-key': f.websiteKey },
    body: { variant: 'a' },
  });
  return r.body.impressionId;
}

/** A new webhook endpoint of the workspace, turned off, for each call. */
async function newWebhookId(): Promise<string> {
  const r = await api<{ endpoint: { id: string } }>(s.url, '/api/v1/webhooks', {
    token: tokens.owner,
    body: { url: `https://hooks.example.com/${f.unique()}`, eventTypes: ['contact.created'], enabled: false },
  });
  return r.body.endpoint.id;
}
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

async function request(method: string, c: Call, headers: Record<string, string>): Promise<number> {
  let body: BodyInit | undefined;
  if (c.csv !== undefined) {
    const form = new FormData();
    form.append('file', new Blob([c.csv], { type: 'text/csv' }), 'canned.csv');
    body = form;
  } else if (c.file) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)]), 'dot.png');
    body = form;
  } else if (c.body !== undefined) {
    body = JSON.stringify(c.body);
    headers = { ...headers, 'content-type': 'application/json' };
  }
  const r = await fetch(`${s.url}${c.path}`, { method, headers, body });
  await r.arrayBuffer();
  return r.status;
}

let n = 0;
beforeAll(async () => {
  s = await startTestServer({ env: { UPLOAD_RATE_LIMIT: '1000' } });
  tokens.owner = await login(s.url);
  passwords.owner = s.admin;
  for (const role of ['admin', 'supervisor', 'operator'] as const) {
    const email = `${role}-perm@example.com`;
    await api(s.url, '/api/v1/operators', { token: tokens.owner, body: { email, name: role, role, password: 'lantern-orchard-basalt' } });
    passwords[role] = { email, password: 'lantern-orchard-basalt' };
    tokens[role] = await login(s.url, passwords[role]);
  }
  const v = await newVisitor(s.url, s.websiteKey);
  const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await c.waitFor('welcome');
  const ack = await c.client.send({ body: 'Hello' });
  c.close();
  const identified = await api<{ contactId: string }>(s.url, '/api/v1/widget/identify', {
    token: v.visitorToken,
    headers: { 'x-website-key': s.websiteKey },
    body: { name: 'Maya', email: 'maya-perm@example.com' },
  });
  const inboxes = await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: tokens.owner });
  const up = await fetch(`${s.url}/api/v1/conversations/${ack.conversationId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.owner}` },
    body: (() => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(png)]), 'dot.png');
      return form;
    })(),
  });
  const me = async (role: Role) => (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token: tokens[role] })).body.id;
  const team = await api<{ id: string }>(s.url, '/api/v1/teams', {
    token: tokens.owner,
    body: { name: 'Everyone', memberIds: [await me('owner'), await me('admin'), await me('supervisor'), await me('operator')] },
  });
  // The conversation of the table is the team's: each role sees it as one of their own team.
  await api(s.url, `/api/v1/conversations/${ack.conversationId}/team`, { token: tokens.owner, body: { teamId: team.body.id } });
  const newMacroId = async () =>
    (
      await api<{ id: string }>(s.url, '/api/v1/macros', {
        token: tokens.owner,
        body: { name: 'Pending', scope: 'workspace', actions: [{ kind: 'set_status', input: { status: 'pending' } }] },
      })
    ).body.id;
  await api(s.url, '/api/v1/contact-attributes', { token: tokens.owner, body: { key: 'plan', label: 'Plan', type: 'text' } });
  f = {
    async newArticleId() {
      const body = { title: 'Refunds', slug: `refunds-${f.unique().toLowerCase()}`, body: 'Within 30 days.' };
      return (await api<{ id: string }>(s.url, '/api/v1/articles', { token: tokens.owner, body })).body.id;
    },
    async newPublishedArticleId() {
      const id = await f.newArticleId();
      await api(s.url, `/api/v1/articles/${id}/publish`, { token: tokens.owner, body: {} });
      return id;
    },
    async newCategoryId() {
      const body = { name: 'Billing', slug: `billing-${f.unique().toLowerCase()}` };
      return (await api<{ id: string }>(s.url, '/api/v1/article-categories', { token: tokens.owner, body })).body.id;
    },
    async newRuleId() {
      const body = { name: `Rule ${f.unique()}`, enabled: false, event: { type: 'mood_soured' }, actions: [{ type: 'set_priority', priority: 'high' }] };
      return (await api<{ id: string }>(s.url, '/api/v1/rules', { token: tokens.owner, body })).body.id;
    },
    async ruleIds() {
      return (await api<{ items: { id: string }[] }>(s.url, '/api/v1/rules', { token: tokens.owner })).body.items.map((r) => r.id);
    },
    async newContactId() {
      const r = await api<{ id: string }>(s.url, '/api/v1/contacts', { token: tokens.owner, body: { name: `Contact ${f.unique()}` } });
      return r.body.id;
    },
    async newAttributeId() {
      const r = await api<{ id: string }>(s.url, '/api/v1/contact-attributes', {
        token: tokens.owner,
        body: { key: `k_${f.unique().toLowerCase()}`, label: 'Temporary', type: 'number' },
      });
      return r.body.id;
    },
    async newImportId(checked = false) {
      const form = new FormData();
      form.append('file', new Blob([`name,email\nImported,${f.unique()}@example.com\n`], { type: 'text/csv' }), 'contacts.csv');
      const up = await fetch(`${s.url}/api/v1/contact-imports`, { method: 'POST', headers: { authorization: `Bearer ${tokens.owner}` }, body: form });
      const id = ((await up.json()) as { import: { id: string } }).import.id;
      if (checked) await api(s.url, `/api/v1/contact-imports/${id}/check`, { token: tokens.owner, body: { mapping: ['name', 'email'] } });
      return id;
    },
    macroId: await newMacroId(),
    newMacroId,
    async newSlaPolicyId() {
      const r = await api<{ id: string }>(s.url, '/api/v1/sla-policies', {
        token: tokens.owner,
        body: { name: `SLA ${f.unique()}`, firstResponseSeconds: 600 },
      });
      return r.body.id;
    },
    teamId: team.body.id,
    async newTeam() {
      const memberId = await f.newOperatorId();
      const r = await api<{ id: string }>(s.url, '/api/v1/teams', { token: tokens.owner, body: { name: `Team ${f.unique()}`, memberIds: [memberId] } });
      return { id: r.body.id, memberId };
    },
    async newCannedId() {
      const r = await api<{ id: string }>(s.url, '/api/v1/canned-responses', {
        token: tokens.owner,
        body: { shortcut: f.unique(), title: 'Shared', body: 'For the team', scope: 'team', teamId: f.teamId },
      });
      return r.body.id;
    },
    conversationId: ack.conversationId,
    conversationTeamId: team.body.id,
    contactId: identified.body.contactId,
    visitorId: v.visitorId,
    visitorToken: v.visitorToken,
    inboxId: inboxes.body.items[0]!.id,
    attachmentId: ((await up.json()) as { id: string }).id,
    websiteKey: s.websiteKey,
    unique: () => `p${Date.now().toString(36)}${n++}`,
    async newLabelId() {
      const r = await api<{ id: string }>(s.url, '/api/v1/labels', { token: tokens.owner, body: { name: f.unique() } });
      return r.body.id;
    },
    async endedConversationId() {
      await api(s.url, `/api/v1/widget/conversations/${f.conversationId}/end`, {
        method: 'POST',
        token: f.visitorToken,
        headers: { 'x-website-key': f.websiteKey },
        body: {},
      });
      return f.conversationId;
    },
    async newScheduledId() {
      const r = await api<{ scheduled: { id: string } }>(s.url, `/api/v1/conversations/${f.conversationId}/scheduled`, {
        token: tokens.owner,
        body: { body: 'Later', sendAt: Date.now() + 3600_000 },
      });
      return r.body.scheduled.id;
    },
    async newTaskId() {
      const r = await api<{ id: string }>(s.url, '/api/v1/tasks', {
        token: tokens.owner,
        body: { conversationId: f.conversationId, title: 'Follow up', dueAt: Date.now() + 3600_000 },
      });
      return r.body.id;
    },
    async twoConversations() {
      const v = await newVisitor(s.url, s.websiteKey);
      const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
      await c.waitFor('welcome');
      const first = await c.client.send({ body: 'First visit' });
      await api(s.url, `/api/v1/conversations/${first.conversationId}/status`, { token: tokens.owner, body: { status: 'resolved' } });
      const second = await c.client.send({ body: 'Back again' });
      c.close();
      return [second.conversationId, first.conversationId];
    },
    async newOperatorId() {
      const r = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
        token: tokens.owner,
        body: { email: `${f.unique()}@example.com`, name: 'Target' },
      });
      return r.body.operator.id;
    },
    async newTeamMateId() {
      const id = await f.newOperatorId();
      await api(s.url, `/api/v1/teams/${f.teamId}/members`, { token: tokens.owner, body: { operatorId: id } });
      return id;
    },
  };
});
afterAll(() => s.close());

/** Outgoing mail set up (to a closed port: the mails fail, the routes answer) and the conversation's contact with an address. */
async function mailable(conversationId: string): Promise<void> {
  const c = await s.app.ctx.db.selectFrom('conversations').select(['workspace_id', 'contact_id']).where('id', '=', conversationId).executeTakeFirstOrThrow();
  await s.app.ctx.db
    .insertInto('email_settings')
    .values({
      workspace_id: c.workspace_id,
      smtp_host: '127.0.0.1',
      smtp_port: 9,
      smtp_security: 'none',
      from_address: 'support@shop.test',
      unseen_delay_minutes: 10,
      updated_at: Date.now(),
    })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ smtp_host: '127.0.0.1', smtp_port: 9, from_address: 'support@shop.test' }))
    .execute();
  if (c.contact_id)
    await s.app.ctx.db.updateTable('contacts').set({ email: 'maya@example.com' }).where('id', '=', c.contact_id).where('email', 'is', null).execute();
}

/**
 * The same fixtures, with the conversation, contact, visitor and attachment
 * of another team (one none of the table's operators is in) or of another
 * workspace; made with that place's own owner.
 */
async function placeFixtures(place: Place): Promise<Fixtures> {
  if (place === 'own team') return f;
  let websiteKey = s.websiteKey;
  let owner = tokens.owner;
  let teamId: string | null = null;
  if (place === 'other team') {
    const r = await api<{ id: string }>(s.url, '/api/v1/teams', { token: owner, body: { name: `Other ${f.unique()}`, memberIds: [await f.newOperatorId()] } });
    teamId = r.body.id;
  } else {
    const other = await createWorkspace(s.app.ctx, {
      name: 'Elsewhere',
      ownerEmail: `owner-${f.unique()}@elsewhere.test`,
      ownerName: 'Elsa',
      ownerPassword: 'lantern-orchard-basalt',
      inboxName: 'Elsewhere',
    });
    websiteKey = other.inbox.websiteKey;
    owner = await login(s.url, { email: other.owner.email, password: 'lantern-orchard-basalt' });
  }
  const conversation = async (visitorToken: string, body: string) => {
    const c = visitorClient(s.wsUrl, websiteKey, visitorToken);
    await c.waitFor('welcome');
    const ack = await c.client.send({ body });
    c.close();
    if (teamId) await api(s.url, `/api/v1/conversations/${ack.conversationId}/team`, { token: owner, body: { teamId } });
    return ack.conversationId;
  };
  const v = await newVisitor(s.url, websiteKey);
  const conversationId = await conversation(v.visitorToken, 'Hello from elsewhere');
  const identified = await api<{ contactId: string }>(s.url, '/api/v1/widget/identify', {
    token: v.visitorToken,
    headers: { 'x-website-key': websiteKey },
    body: { name: 'Noor', email: `${f.unique()}@elsewhere.test` },
  });
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(png)]), 'dot.png');
  const up = await fetch(`${s.url}/api/v1/conversations/${conversationId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${owner}` },
    body: form,
  });
  return {
    ...f,
    conversationId,
    conversationTeamId: teamId,
    contactId: identified.body.contactId,
    visitorId: v.visitorId,
    visitorToken: v.visitorToken,
    websiteKey,
    attachmentId: ((await up.json()) as { id: string }).id,
    async twoConversations() {
      const two = await newVisitor(s.url, websiteKey);
      const first = await conversation(two.visitorToken, 'First visit');
      await api(s.url, `/api/v1/conversations/${first}/status`, { token: owner, body: { status: 'resolved' } });
      return [await conversation(two.visitorToken, 'Back again'), first];
    },
    async newScheduledId() {
      const r = await api<{ scheduled: { id: string } }>(s.url, `/api/v1/conversations/${conversationId}/scheduled`, {
        token: owner,
        body: { body: 'Later', sendAt: Date.now() + 3600_000 },
      });
      return r.body.scheduled.id;
    },
    async newTaskId() {
      const r = await api<{ id: string }>(s.url, '/api/v1/tasks', {
        token: owner,
        body: { conversationId, title: 'Follow up', dueAt: Date.now() + 3600_000 },
      });
      return r.body.id;
    },
  };
}

describe('the permission table', () => {
  it('has a row for every route, and none for a route that is gone', () => {
    const routes = s.app.routes.map((r) => `${r.method} ${r.url}`).sort();
    expect(Object.keys(TABLE).sort()).toEqual(routes);
  });

  for (const [key, row] of Object.entries(TABLE)) {
    const [method, url] = key.split(' ') as [string, string];
    if (row.roles === 'public') continue;
    if (row.roles === 'visitor') {
      it(`${key}: visitors only`, async () => {
        const visitor = { authorization: `Bearer ${f.visitorToken}`, 'x-website-key': f.websiteKey };
        expect(await request(method, await row.call(f), visitor)).toBeLessThan(400);
        expect(await request(method, await row.call(f), { authorization: `Bearer ${tokens.owner}` })).toBe(401);
        expect(await request(method, await row.call(f), {})).toBe(401);
      });
      continue;
    }
    const allowed = row.roles;
    it(`${key}: ${allowed.join(', ')}`, async () => {
      for (const role of ROLES) {
        const token = row.freshSession ? await login(s.url, passwords[role]) : tokens[role];
        const status = await request(method, await row.call(f), { authorization: `Bearer ${token}` });
        if (allowed.includes(role)) expect(status, `${role} on ${url}`).not.toBe(403);
        else expect(status, `${role} on ${url}`).toBe(403);
        expect(status, `${role} on ${url}`).not.toBe(401);
      }
      expect(await request(method, await row.call(f), {})).toBe(401);
    });
  }
});

describe('shifts by a supervisor', () => {
  it('are set for the members of their teams only', async () => {
    const body = { timeZone: 'UTC', weekly: [{ day: 1, start: '08:00', end: '16:00' }] };
    const put = async (id: string) => (await api(s.url, `/api/v1/operators/${id}/shifts`, { method: 'PUT', token: tokens.supervisor, body })).status;
    expect(await put(await f.newTeamMateId())).toBe(200);
    expect(await put(await f.newOperatorId())).toBe(403);
  });
});

describe('the permission table, by place: own team, other team, other workspace', () => {
  const places = {} as Record<Place, Fixtures>;
  beforeAll(async () => {
    for (const place of PLACES) places[place] = await placeFixtures(place);
  });

  /** What a role gets for a scoped row's thing in a place: past the checks, refused by role, or not found. */
  const expected = (roles: Role[], role: Role, place: Place): 'ok' | 'forbidden' | 'not found' => {
    if (!roles.includes(role)) return 'forbidden';
    if (place === 'other workspace') return 'not found';
    if (place === 'other team' && (role === 'supervisor' || role === 'operator')) return 'not found';
    return 'ok';
  };

  for (const [key, row] of Object.entries(TABLE)) {
    if (!row.scoped || !Array.isArray(row.roles)) continue;
    const [method, url] = key.split(' ') as [string, string];
    const roles = row.roles;
    it(`${key}`, async () => {
      for (const place of PLACES) {
        for (const role of ROLES) {
          const status = await request(method, await row.call(places[place]), { authorization: `Bearer ${tokens[role]}` });
          const want = expected(roles, role, place);
          const what = `${role} on ${url} (${place})`;
          // A role refused outright is refused whatever the id (403 says nothing about it), or not found.
          if (want === 'forbidden') expect(place === 'own team' ? [403] : [403, 404], what).toContain(status);
          else if (want === 'not found') expect(status, what).toBe(404);
          else expect([401, 403, 404], what).not.toContain(status);
        }
      }
    });
  }
});
