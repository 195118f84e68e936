/**
 * The addNote command: a private note in a conversation, seen by the
 * workspace's operators only, with the operators it mentions. It takes the
 * next number among the conversation's notes and is placed after the
 * conversation's last message; it never takes a message sequence number, so
 * the visitor's stream stays gapless and knows nothing of it.
 */
import { findMentions } from '@switchboard/text';
import type { NoteKind } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import { countUnseenIn, insertMentions } from '../mention/mention.repository.js';
import type { Operator } from '../operator/operator.js';
import { listOperators } from '../operator/operator.repository.js';
import { authorize } from '../policy/policy.js';
import { mayViewConversation } from '../policy/visibility.js';
import { membersOf } from '../team/team.repository.js';
import type { AddNoteResult } from './note.js';
import { findNoteByClientId, insertNote, lockNotes, nextNoteSeq, presentNote } from './note.repository.js';
import type { NewNoteRow } from './note.table.js';

export interface AddNoteProps {
  actor: Operator;
  conversationId: string;
  body: string;
  clientId?: string | undefined;
  /** A transfer's handoff note or a supervisor's whisper (default: a plain note). */
  kind?: NoteKind;
  /** Whom a handoff note or whisper is for (one operator). */
  toOperatorId?: string | null;
  /** Operators told of it like a mention (the receiver of a handoff, the assignee of a whisper), besides those it mentions. */
  notify?: string[];
}

/** Should two writers still read the same next number (another process without the lock), the unique index refuses one, which tries again. */
const ATTEMPTS = 5;

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export async function addNote(ctx: Context, p: AddNoteProps): Promise<AddNoteResult> {
  authorize(p.actor, 'note.create');
  const workspaceId = p.actor.workspaceId;
  const conversation = await visibleConversationRow(ctx, p.actor, p.conversationId);
  // Only those who may see the conversation can be mentioned (and told, with a preview): policy/visibility.ts.
  const members = new Set(conversation.team_id ? ((await membersOf(ctx.db, workspaceId, [conversation.team_id])).get(conversation.team_id) ?? []) : []);
  const team = (await listOperators(ctx.db, workspaceId)).filter(
    (o) =>
      o.disabled_at === null &&
      mayViewConversation({ id: o.id, workspaceId, role: o.role as Operator['role'], teamIds: members.has(o.id) ? [conversation.team_id!] : [] }, conversation),
  );
  const mentions = findMentions(p.body, team).map((o) => ({ operatorId: o.id, name: o.name }));
  // Writing your own name notifies nobody.
  const notified = [...new Set([...mentions.map((m) => m.operatorId), ...(p.notify ?? [])])].filter((id) => id !== p.actor.id);

  for (let attempt = 1; ; attempt++) {
    try {
      const stored = await ctx.db.transaction().execute(async (trx) => {
        await lockNotes(trx, ctx.dbKind, p.conversationId);
        if (p.clientId) {
          const existing = await findNoteByClientId(trx, workspaceId, p.conversationId, p.clientId);
          if (existing) return { row: existing, duplicate: true };
        }
        // Read inside the transaction: the note goes after the last message stored before it.
        const conversation = await findConversation(trx, workspaceId, p.conversationId);
        if (!conversation) throw notFound('Conversation');
        const now = ctx.now();
        const row: NewNoteRow = {
          id: newId(),
          workspace_id: workspaceId,
          conversation_id: p.conversationId,
          note_seq: await nextNoteSeq(trx, p.conversationId),
          after_seq: conversation.last_seq,
          author_id: p.actor.id,
          author_name: p.actor.name,
          body: p.body,
          mentions: JSON.stringify(mentions),
          client_id: p.clientId ?? null,
          created_at: now,
          kind: p.kind ?? 'note',
          to_operator_id: p.toOperatorId ?? null,
        };
        await insertNote(trx, row);
        await insertMentions(
          trx,
          notified.map((operatorId) => ({
            note_id: row.id,
            operator_id: operatorId,
            workspace_id: workspaceId,
            conversation_id: p.conversationId,
            created_at: now,
            seen_at: null,
          })),
        );
        return { row: { ...row, kind: row.kind ?? 'note' }, duplicate: false };
      });
      const note = presentNote(stored.row);
      if (!stored.duplicate) {
        const mentioned = await Promise.all(
          notified.map(async (operatorId) => ({ operatorId, unseen: await countUnseenIn(ctx.db, workspaceId, operatorId, p.conversationId) })),
        );
        ctx.events.emit({ type: 'note.created', workspaceId, note, mentioned });
      }
      return { note, duplicate: stored.duplicate };
    } catch (err) {
      if (attempt >= ATTEMPTS || !isUniqueViolation(err)) throw err;
    }
  }
}
