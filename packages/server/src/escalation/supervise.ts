/**
 * Supervision within the teams a supervisor sees (admins and owners: all):
 * "Whisper", a private note of kind `whisper` to the conversation's assignee,
 * notified to them and never seen by the visitor; "Take over", the
 * conversation assigned to the supervisor with the system line "Taken over
 * by X" (the visitor's widget shows "X joined the chat"). Monitoring is a
 * socket option (realtime/handlers/team.ts): it leaves no trace here.
 */
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import type { EventResult } from '../conversation/record-event.js';
import { badRequest } from '../errors.js';
import { addNote } from '../note/add-note.js';
import type { AddNoteResult } from '../note/note.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { moveConversation } from './move.js';

export interface WhisperProps {
  actor: Operator;
  conversationId: string;
  body: string;
  clientId?: string | undefined;
}

export async function whisper(ctx: Context, p: WhisperProps): Promise<AddNoteResult> {
  authorize(p.actor, 'conversation.whisper');
  const current = await visibleConversationRow(ctx, p.actor, p.conversationId);
  if (!current.assignee_id) throw badRequest('Nobody has this conversation: write a note instead');
  const to = current.assignee_id;
  return addNote(ctx, { actor: p.actor, conversationId: current.id, body: p.body, clientId: p.clientId, kind: 'whisper', toOperatorId: to, notify: [to] });
}

export interface TakeOverProps {
  actor: Operator;
  conversationId: string;
}

export async function takeOver(ctx: Context, p: TakeOverProps): Promise<EventResult> {
  authorize(p.actor, 'conversation.take_over');
  const current = await visibleConversationRow(ctx, p.actor, p.conversationId);
  if (current.assignee_id === p.actor.id) throw badRequest('This conversation is yours already');
  return moveConversation(ctx, {
    workspaceId: p.actor.workspaceId,
    current,
    to: { operatorId: p.actor.id },
    by: { id: p.actor.id, name: p.actor.name },
    event: { type: 'taken_over', operatorName: p.actor.name },
    body: `Taken over by ${p.actor.name}`,
  });
}
