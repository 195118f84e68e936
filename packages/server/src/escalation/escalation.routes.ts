/** HTTP routes of transfer, escalation and supervision (whisper, take over) and the workspace's tier-2 team. */
import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { eventResultSchema, idParam } from '../http/schemas.js';
import { withHtml } from '../message/message.service.js';
import { addNoteInput, noteSchema } from '../note/note.js';
import { noteWithHtml } from '../note/note.service.js';
import { escalate } from './escalate-conversation.js';
import { escalationSchema, escalationSettingsSchema, escalateInput, transferInput } from './escalation.js';
import { getEscalationSettings, listConversationEscalations, updateEscalationSettings } from './escalation.service.js';
import { takeOver, whisper } from './supervise.js';
import { transferConversation } from './transfer-conversation.js';

const withLine = <T extends { message: Parameters<typeof withHtml>[0] | null }>(r: T) => ({ ...r, message: r.message && withHtml(r.message) });

export const escalationRoutes = (ctx: Context) => [
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/transfer',
    operationId: 'transferConversation',
    summary:
      'Transfer to an operator (assigned to them) or a team (the head of its queue unless someone there has room), with a handoff note for operators only',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: transferInput,
    response: eventResultSchema,
    handler: async ({ operator, params, body }) =>
      withLine(
        await transferConversation(ctx, {
          actor: operator!,
          conversationId: params.id,
          to: body.operatorId ? { operatorId: body.operatorId } : { teamId: body.teamId! },
          note: body.note,
        }),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/escalate',
    operationId: 'escalateConversation',
    summary: 'Escalate with a reason, to the workspace’s tier-2 team or to a named supervisor; recorded in the escalation history',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: escalateInput,
    response: eventResultSchema,
    handler: async ({ operator, params, body }) =>
      withLine(
        await escalate(ctx, {
          actor: operator!,
          conversationId: params.id,
          reason: body.reason,
          to: body.operatorId ? { operatorId: body.operatorId } : undefined,
        }),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/v1/conversations/:id/escalations',
    operationId: 'listEscalations',
    summary: 'The conversation’s escalation history, oldest first: who or which rule, from which team, to whom, why',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    response: z.object({ items: z.array(escalationSchema) }),
    handler: async ({ operator, params }) => ({ items: await listConversationEscalations(ctx, operator!, params.id) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/whisper',
    operationId: 'whisperToAssignee',
    summary: 'Whisper to the assigned operator (supervisors): a private note for operators only, notified to the assignee, never shown to the visitor',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: addNoteInput,
    status: 201,
    response: z.object({ note: noteSchema, duplicate: z.boolean() }),
    handler: async ({ operator, params, body }) => {
      const r = await whisper(ctx, { actor: operator!, conversationId: params.id, body: body.body, clientId: body.clientId });
      return { ...r, note: noteWithHtml(r.note) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/take-over',
    operationId: 'takeOverConversation',
    summary: 'Take over (supervisors): the conversation is assigned to you, with the system line "Taken over by …"',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    response: eventResultSchema,
    handler: async ({ operator, params }) => withLine(await takeOver(ctx, { actor: operator!, conversationId: params.id })),
  }),
  route({
    method: 'GET',
    url: '/api/v1/escalation-settings',
    operationId: 'getEscalationSettings',
    summary: 'Where escalations go: the workspace’s tier-2 team (null: none chosen)',
    tag: 'teams',
    auth: 'operator',
    response: escalationSettingsSchema,
    handler: async ({ operator }) => getEscalationSettings(ctx, operator!),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/escalation-settings',
    operationId: 'updateEscalationSettings',
    summary: 'Choose the workspace’s tier-2 team (admins); null: none',
    tag: 'teams',
    auth: 'operator',
    body: escalationSettingsSchema,
    response: escalationSettingsSchema,
    handler: async ({ operator, body }) => updateEscalationSettings(ctx, operator!, body.tier2TeamId),
  }),
];
