import type { Db } from '../db/database.js';
import { newId } from '../ids.js';
import { holdForIntent, holdsForIntent } from '../intent/hold.js';
import { NORMAL } from '../routing/priority.js';
import '../webhook/webhook.table.js';
import { type ConversationRow, insertConversation } from './conversation.repository.js';

/**
 * A new, open, unassigned conversation for a visitor. The contact is read
 * from the visitor's row, so a visitor who said who they are on another
 * connection starts it as that contact. An inbox with an agent bot gives the
 * conversation to the bot first (bot_conversations): it stays out of the
 * queue until the bot hands it over (webhook/bot.service.ts). An inbox that
 * routes by intent holds it out of the queue until its first message's intent
 * is decided (intent/hold.ts).
 */
export async function startConversation(
  db: Db,
  p: { workspaceId: string; inboxId: string; visitorId: string; now: number; teamId?: string | null; withBot?: boolean },
): Promise<ConversationRow> {
  const visitor = await db.selectFrom('visitors').select('contact_id').where('id', '=', p.visitorId).executeTakeFirst();
  const inbox = await db
    .selectFrom('inboxes')
    .leftJoin('bots', 'bots.inbox_id', 'inboxes.id')
    .select(['inboxes.default_team_id', 'bots.id as bot_id'])
    .where('inboxes.id', '=', p.inboxId)
    .executeTakeFirst();
  // The inbox's team, unless the caller knows better (the team the visitor chose); with a team it waits in its queue.
  const teamId = p.teamId !== undefined ? p.teamId : (inbox?.default_team_id ?? null);
  // The inbox's bot, if it has one, handles the conversation first: it joins no queue until the bot hands it over.
  const botId = p.withBot === false ? null : (inbox?.bot_id ?? null);
  const held = !botId && p.teamId === undefined && p.withBot !== false && (await holdsForIntent(db, p.workspaceId, p.inboxId));
  const row: ConversationRow = {
    id: newId(),
    workspace_id: p.workspaceId,
    inbox_id: p.inboxId,
    visitor_id: p.visitorId,
    contact_id: visitor?.contact_id ?? null,
    status: 'open',
    assignee_id: null,
    last_seq: 0,
    last_message_seq: null,
    last_message_at: null,
    last_message_preview: null,
    last_message_files: 0,
    last_author_kind: null,
    last_author_id: null,
    last_author_name: null,
    visitor_read_seq: 0,
    operator_read_seq: 0,
    unread_count: 0,
    labels: '[]',
    snoozed_until: null,
    merged_into: null,
    team_id: teamId,
    first_response_at: null,
    rating: null,
    rating_comment: null,
    rated_at: null,
    ended_at: null,
    awaiting_email_reply: 0,
    priority: NORMAL,
    queued_at: teamId && !botId && !held ? p.now : null,
    requeued: 0,
    assigned_at: null,
    mood: null,
    mood_confidence: null,
    mood_trend: null,
    created_at: p.now,
    updated_at: p.now,
    resolved_at: null,
    sla_policy_id: null,
    sla_due_at: null,
    sla_target: null,
    sla_warn_at: null,
    sla_breached_at: null,
  };
  await insertConversation(db, row);
  if (held) await holdForIntent(db, { workspaceId: p.workspaceId, conversationId: row.id, now: p.now });
  if (botId) {
    await db
      .insertInto('bot_conversations')
      .values({ conversation_id: row.id, workspace_id: p.workspaceId, bot_id: botId, started_at: p.now, handed_over_at: null })
      .execute();
  }
  return row;
}
