/**
 * Last-touch attribution: of the touches within the window before a purchase
 * (a chat: the last operator reply in a conversation of the visitor or of the
 * same contact; a trigger shown to one of their visitors), the latest wins.
 * A chat credits its conversation, the operator who replied last, the
 * conversation's team and inbox, and the trigger that started it (if any);
 * a trigger credits itself (its variant) and the conversation it started, if
 * any. A tie goes to the chat: a person answered.
 */
import type { Db } from '../db/database.js';
import '../trigger/trigger.table.js';
import type { PurchaseAttributionTable } from './purchase.table.js';

export interface Purchase {
  id: string;
  workspaceId: string;
  inboxId: string;
  visitorId: string;
  valueMinor: number;
  currency: string;
  at: number;
}

interface Touch {
  at: number;
  kind: 'chat' | 'trigger';
  conversationId: string | null;
  triggerId: string | null;
  variant: 'a' | 'b' | null;
  inboxId: string;
}

export async function attributePurchase(
  db: Db,
  p: Purchase,
  person: { contactId: string | null; visitorIds: string[] },
  windowMs: number,
): Promise<PurchaseAttributionTable | null> {
  const since = p.at - windowMs;
  const chat = await lastChat(db, p.workspaceId, person, since, p.at);
  const shown = await lastTriggerShown(db, p.workspaceId, person.visitorIds, since, p.at);
  const touch = chat && (!shown || chat.at >= shown.at) ? chat : shown;
  if (!touch) return null;
  let { triggerId, variant } = touch;
  if (touch.kind === 'chat' && touch.conversationId) {
    const started = await triggerThatStarted(db, p.workspaceId, touch.conversationId);
    if (started) ({ triggerId, variant } = { triggerId: started.trigger_id, variant: started.variant });
  }
  const conversation = touch.conversationId
    ? await db
        .selectFrom('conversations')
        .select(['id', 'team_id', 'inbox_id'])
        .where('id', '=', touch.conversationId)
        .where('workspace_id', '=', p.workspaceId)
        .executeTakeFirst()
    : undefined;
  const operatorId = touch.kind === 'chat' && touch.conversationId ? await lastReplier(db, touch.conversationId, p.at) : null;
  return {
    purchase_id: p.id,
    workspace_id: p.workspaceId,
    inbox_id: conversation?.inbox_id ?? touch.inboxId,
    touch: touch.kind,
    conversation_id: conversation?.id ?? null,
    operator_id: operatorId,
    team_id: conversation?.team_id ?? null,
    trigger_id: triggerId,
    trigger_variant: variant,
    rule: 'last_touch',
    touched_at: touch.at,
    value_minor: p.valueMinor,
    currency: p.currency,
    purchased_at: p.at,
  };
}

async function lastChat(
  db: Db,
  workspaceId: string,
  person: { contactId: string | null; visitorIds: string[] },
  since: number,
  until: number,
): Promise<Touch | null> {
  const row = await db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select(['m.conversation_id', 'c.inbox_id', 'm.created_at'])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.merged_into', 'is', null)
    .where((eb) => {
      const mine = eb('c.visitor_id', 'in', person.visitorIds);
      return person.contactId ? eb.or([mine, eb('c.contact_id', '=', person.contactId)]) : mine;
    })
    .where('m.author_kind', '=', 'operator')
    .where('m.kind', '=', 'text')
    .where('m.created_at', '>=', since)
    .where('m.created_at', '<=', until)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return { at: Number(row.created_at), kind: 'chat', conversationId: row.conversation_id, triggerId: null, variant: null, inboxId: row.inbox_id };
}

async function lastTriggerShown(db: Db, workspaceId: string, visitorIds: string[], since: number, until: number): Promise<Touch | null> {
  const row = await db
    .selectFrom('trigger_impressions')
    .select(['trigger_id', 'variant', 'shown_at', 'conversation_id', 'inbox_id'])
    .where('workspace_id', '=', workspaceId)
    .where('visitor_id', 'in', visitorIds)
    .where('shown_at', '>=', since)
    .where('shown_at', '<=', until)
    .orderBy('shown_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    at: Number(row.shown_at),
    kind: 'trigger',
    conversationId: row.conversation_id,
    triggerId: row.trigger_id,
    variant: row.variant,
    inboxId: row.inbox_id,
  };
}

async function triggerThatStarted(db: Db, workspaceId: string, conversationId: string) {
  return db
    .selectFrom('trigger_impressions')
    .select(['trigger_id', 'variant'])
    .where('conversation_id', '=', conversationId)
    .where('workspace_id', '=', workspaceId)
    .orderBy('shown_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

async function lastReplier(db: Db, conversationId: string, until: number): Promise<string | null> {
  const row = await db
    .selectFrom('messages')
    .select('author_id')
    .where('conversation_id', '=', conversationId)
    .where('author_kind', '=', 'operator')
    .where('kind', '=', 'text')
    .where('created_at', '<=', until)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.author_id ?? null;
}
