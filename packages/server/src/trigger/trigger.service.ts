/**
 * Proactive triggers (E1). Admins keep them per inbox (supervisors read them
 * and their figures); the widget's trigger script fetches an inbox's enabled
 * ones (in the visitor's language, with whether an operator is available and
 * the team within its hours) and evaluates them in the visitor's browser, so a
 * page view costs the server nothing. When one fires, the chat app records
 * the impression (the frequency cap is enforced here too); when the visitor
 * chooses Reply, the conversation starts with the trigger's message, authored
 * by its sender, and the impression is linked to it ("replied").
 */
import type { TriggerSender, WidgetTrigger, WidgetTriggers } from '@switchboard/protocol';
import { acceptedLanguages, chooseLanguage, type Language, translator } from '@switchboard/widget/i18n';
import type { Context } from '../context.js';
import { findActiveConversation } from '../conversation/conversation.repository.js';
import { startConversation } from '../conversation/start-conversation.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { findInbox, toInbox } from '../inbox/inbox.repository.js';
import { inboxByWebsiteKey, originAllowed, presentPublicInbox } from '../inbox/inbox.service.js';
import type { Inbox } from '../inbox/inbox.js';
import { announceStored } from '../message/message.events.js';
import { storeMessage } from '../message/send-message.js';
import { avatarUrl } from '../operator/avatar.repository.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { Availability } from '../realtime/availability.js';
import type { Visitor } from '../visitor/visitor.js';
import '../virtual-agent/virtual-agent.table.js';
import { textOn } from '../widget/contrast.js';
import { messageIn, type Trigger, type TriggerInput, type TriggerPatch, toTrigger } from './trigger.js';
import {
  deleteTriggerRow,
  findImpression,
  findTriggerRow,
  impressionCounts,
  insertImpression,
  insertTrigger,
  latestImpression,
  listTriggerRows,
  nextPosition,
  purchaseCounts,
  setImpressionConversation,
  updateTriggerRow,
} from './trigger.repository.js';
import { statsOf, type TriggerStats } from './trigger-stats.js';

export type TriggerWithStats = Trigger & { stats: TriggerStats };

async function inboxOf(ctx: Context, actor: Operator, inboxId: string): Promise<void> {
  if (!(await findInbox(ctx.db, actor.workspaceId, inboxId))) throw notFound('Inbox');
}

const senderProblem = (path: string, message: string) => new AppError('validation_failed', `Send as: ${message}`, { details: [{ in: 'body', path, message }] });

/** The sender must be the workspace's: an active operator or one of its teams. */
async function checkSender(ctx: Context, workspaceId: string, sender: TriggerSender): Promise<void> {
  if (sender.kind === 'operator') {
    const op = await ctx.db
      .selectFrom('operators')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', sender.operatorId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!op) throw senderProblem('sender.operatorId', 'No such operator in this workspace');
  } else if (sender.kind === 'team') {
    const team = await ctx.db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('id', '=', sender.teamId).executeTakeFirst();
    if (!team) throw senderProblem('sender.teamId', 'No such team in this workspace');
  }
}

async function withStats(ctx: Context, workspaceId: string, triggers: Trigger[]): Promise<TriggerWithStats[]> {
  const ids = triggers.map((t) => t.id);
  const [counts, purchases] = await Promise.all([impressionCounts(ctx.db, workspaceId, ids), purchaseCounts(ctx.db, workspaceId, ids)]);
  return triggers.map((t) => ({ ...t, stats: statsOf(t.id, !!t.messages.b, counts, purchases) }));
}

export async function listTriggers(ctx: Context, actor: Operator, inboxId: string): Promise<TriggerWithStats[]> {
  authorize(actor, 'trigger.view');
  await inboxOf(ctx, actor, inboxId);
  return withStats(ctx, actor.workspaceId, (await listTriggerRows(ctx.db, actor.workspaceId, inboxId)).map(toTrigger));
}

async function getOwn(ctx: Context, actor: Operator, id: string): Promise<Trigger> {
  const row = await findTriggerRow(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Trigger');
  return toTrigger(row);
}

export async function getTrigger(ctx: Context, actor: Operator, id: string): Promise<TriggerWithStats> {
  authorize(actor, 'trigger.view');
  return (await withStats(ctx, actor.workspaceId, [await getOwn(ctx, actor, id)]))[0] as TriggerWithStats;
}

export async function triggerStats(ctx: Context, actor: Operator, id: string): Promise<TriggerStats> {
  return (await getTrigger(ctx, actor, id)).stats;
}

export async function createTrigger(ctx: Context, actor: Operator, inboxId: string, input: TriggerInput): Promise<TriggerWithStats> {
  authorize(actor, 'trigger.manage');
  await inboxOf(ctx, actor, inboxId);
  await checkSender(ctx, actor.workspaceId, input.sender);
  const now = ctx.now();
  const id = newId();
  await insertTrigger(ctx.db, {
    id,
    workspace_id: actor.workspaceId,
    inbox_id: inboxId,
    name: input.name,
    enabled: input.enabled ? 1 : 0,
    conditions: JSON.stringify(input.conditions),
    messages: JSON.stringify(input.messages),
    sender: JSON.stringify(input.sender),
    delay_seconds: input.delaySeconds,
    frequency: JSON.stringify(input.frequency),
    only_when: input.onlyWhen,
    position: await nextPosition(ctx.db, actor.workspaceId, inboxId),
    created_at: now,
    updated_at: now,
  });
  return getTrigger(ctx, actor, id);
}

export async function updateTrigger(ctx: Context, actor: Operator, id: string, patch: TriggerPatch): Promise<TriggerWithStats> {
  authorize(actor, 'trigger.manage');
  await getOwn(ctx, actor, id);
  if (patch.sender) await checkSender(ctx, actor.workspaceId, patch.sender);
  await updateTriggerRow(ctx.db, actor.workspaceId, id, {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
    ...(patch.conditions !== undefined ? { conditions: JSON.stringify(patch.conditions) } : {}),
    ...(patch.messages !== undefined ? { messages: JSON.stringify(patch.messages) } : {}),
    ...(patch.sender !== undefined ? { sender: JSON.stringify(patch.sender) } : {}),
    ...(patch.delaySeconds !== undefined ? { delay_seconds: patch.delaySeconds } : {}),
    ...(patch.frequency !== undefined ? { frequency: JSON.stringify(patch.frequency) } : {}),
    ...(patch.onlyWhen !== undefined ? { only_when: patch.onlyWhen } : {}),
    updated_at: ctx.now(),
  });
  if (patch.position !== undefined) await moveTrigger(ctx, actor.workspaceId, id, patch.position);
  return getTrigger(ctx, actor, id);
}

/** Moves a trigger to a place in its inbox's order (0: first); the others keep their order around it. */
async function moveTrigger(ctx: Context, workspaceId: string, id: string, position: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findTriggerRow(trx, workspaceId, id);
    if (!row) return;
    const ids = (await listTriggerRows(trx, workspaceId, row.inbox_id)).map((r) => r.id).filter((x) => x !== id);
    ids.splice(Math.min(position, ids.length), 0, id);
    for (const [i, tid] of ids.entries()) await updateTriggerRow(trx, workspaceId, tid, { position: i });
  });
}

export async function deleteTrigger(ctx: Context, actor: Operator, id: string): Promise<void> {
  authorize(actor, 'trigger.manage');
  await getOwn(ctx, actor, id);
  await deleteTriggerRow(ctx.db, actor.workspaceId, id);
}

/** Who a trigger's message is from, as the visitor sees it (name and picture). */
async function senderLook(ctx: Context, inbox: Inbox, sender: TriggerSender, lang: Language): Promise<{ name: string; avatarUrl: string | null }> {
  if (sender.kind === 'operator') {
    const op = await ctx.db
      .selectFrom('operators')
      .leftJoin('operator_avatars', 'operator_avatars.operator_id', 'operators.id')
      .select(['operators.name', 'operator_avatars.key'])
      .where('operators.workspace_id', '=', inbox.workspaceId)
      .where('operators.id', '=', sender.operatorId)
      .executeTakeFirst();
    if (op) return { name: op.name, avatarUrl: inbox.settings.showAvatars && op.key ? avatarUrl(op.key) : null };
  } else if (sender.kind === 'team') {
    const team = await ctx.db
      .selectFrom('teams')
      .select('name')
      .where('workspace_id', '=', inbox.workspaceId)
      .where('id', '=', sender.teamId)
      .executeTakeFirst();
    if (team) return { name: team.name, avatarUrl: null };
  } else {
    const agent = await ctx.db.selectFrom('virtual_agents').select('name').where('inbox_id', '=', inbox.id).executeTakeFirst();
    if (agent?.name) return { name: agent.name, avatarUrl: null };
  }
  // A sender that is gone speaks as the inbox's team.
  return { name: presentPublicInbox(inbox, lang).teamName, avatarUrl: null };
}

/**
 * The inbox's enabled triggers for the page at `pageOrigin`, in the visitor's
 * language (Accept-Language or `lang`), refused (403) to pages outside its allowed origins.
 */
export async function widgetTriggers(
  ctx: Context,
  availability: Pick<Availability, 'frame'>,
  p: { key: string; origin: string; lang?: Language | undefined; acceptLanguage?: string | undefined },
): Promise<WidgetTriggers> {
  const inbox = await inboxByWebsiteKey(ctx, p.key);
  if (!originAllowed(inbox, p.origin)) throw forbidden('This website is not allowed to use this chat');
  const lang = p.lang ?? chooseLanguage(inbox.settings.language, acceptedLanguages(p.acceptLanguage));
  const t = translator(lang);
  const [rows, frame] = await Promise.all([listTriggerRows(ctx.db, inbox.workspaceId, inbox.id, true), availability.frame(inbox)]);
  const triggers: WidgetTrigger[] = [];
  for (const tr of rows.map(toTrigger)) {
    triggers.push({
      id: tr.id,
      conditions: tr.conditions,
      a: messageIn(tr.messages.a, lang),
      b: tr.messages.b ? messageIn(tr.messages.b, lang) : null,
      split: tr.messages.b ? (tr.messages.split ?? 50) : 100,
      delay: tr.delaySeconds,
      frequency: tr.frequency,
      onlyWhen: tr.onlyWhen,
      sender: await senderLook(ctx, inbox, tr.sender, lang),
    });
  }
  const { color, position } = inbox.settings;
  return {
    triggers,
    available: frame.available,
    open: !frame.closed,
    position,
    color,
    textColor: textOn(color),
    labels: { from: t('triggerFrom'), dismiss: t('dismissMessage'), reply: t('replyToMessage') },
  };
}

/** Whether the frequency cap lets the visitor see the trigger again now. */
async function capAllows(ctx: Context, visitor: Visitor, trigger: Trigger, visitId: string | undefined): Promise<boolean> {
  const f = trigger.frequency;
  if (f.per === 'visitor') return !(await latestImpression(ctx.db, visitor.workspaceId, trigger.id, visitor.id));
  if (f.per === 'visit') return !visitId || !(await latestImpression(ctx.db, visitor.workspaceId, trigger.id, visitor.id, visitId));
  const last = await latestImpression(ctx.db, visitor.workspaceId, trigger.id, visitor.id);
  return !last || ctx.now() - Number(last.shown_at) >= f.days * 86_400_000;
}

/**
 * The widget showed a trigger's message to the visitor: recorded once within
 * its frequency cap (409 `conflict` with details.reason `capped` beyond it).
 */
export async function recordImpression(
  ctx: Context,
  visitor: Visitor,
  triggerId: string,
  input: { variant: 'a' | 'b'; visitId?: string | undefined },
): Promise<{ impressionId: string; variant: 'a' | 'b' }> {
  const row = await findTriggerRow(ctx.db, visitor.workspaceId, triggerId);
  if (!row || row.inbox_id !== visitor.inboxId || Number(row.enabled) !== 1) throw notFound('Trigger');
  const trigger = toTrigger(row);
  const variant = input.variant === 'b' && trigger.messages.b ? 'b' : 'a';
  if (!(await capAllows(ctx, visitor, trigger, input.visitId))) {
    throw new AppError('conflict', 'This trigger was already shown to this visitor (frequency cap)', { details: { reason: 'capped' } });
  }
  const id = newId();
  await insertImpression(ctx.db, {
    id,
    workspace_id: visitor.workspaceId,
    inbox_id: visitor.inboxId,
    trigger_id: trigger.id,
    variant,
    visitor_id: visitor.id,
    visit_id: input.visitId ?? null,
    shown_at: ctx.now(),
    conversation_id: null,
  });
  return { impressionId: id, variant };
}

/**
 * The visitor chose Reply on a trigger's message: a conversation starts with
 * that message (in the visitor's language, authored by the trigger's sender:
 * the operator, to whom it is assigned; the team, in whose queue it waits; or
 * the inbox's bot), the impression is linked to it, and the visitor's chat
 * follows it. Choosing Reply again answers the same conversation; a visitor
 * already chatting keeps their conversation (and the impression stays unlinked).
 */
export async function replyToImpression(
  ctx: Context,
  visitor: Visitor,
  impressionId: string,
  input: { language?: Language | undefined },
): Promise<{ conversationId: string; started: boolean }> {
  const imp = await findImpression(ctx.db, visitor.workspaceId, impressionId);
  if (!imp || imp.visitor_id !== visitor.id) throw notFound('Impression');
  if (imp.conversation_id) return { conversationId: imp.conversation_id, started: false };
  const row = await findTriggerRow(ctx.db, visitor.workspaceId, imp.trigger_id);
  if (!row) throw notFound('Trigger');
  const trigger = toTrigger(row);
  const inboxRow = await findInbox(ctx.db, visitor.workspaceId, visitor.inboxId);
  if (!inboxRow) throw notFound('Inbox');
  const inbox = toInbox(inboxRow);
  const lang = input.language ?? chooseLanguage(inbox.settings.language, []);
  const variant = imp.variant === 'b' && trigger.messages.b ? trigger.messages.b : trigger.messages.a;
  const body = messageIn(variant, lang);
  if (!body.trim()) throw badRequest('This trigger has no message');
  const sender = trigger.sender;
  const look = await senderLook(ctx, inbox, sender, lang);
  const stored = await ctx.db.transaction().execute(async (trx) => {
    if (ctx.dbKind === 'postgres') await trx.selectFrom('visitors').select('id').where('id', '=', visitor.id).forUpdate().execute();
    const active = await findActiveConversation(trx, visitor.id);
    if (active) return { active: active.id } as const;
    const conv = await startConversation(trx, {
      workspaceId: visitor.workspaceId,
      inboxId: visitor.inboxId,
      visitorId: visitor.id,
      now: ctx.now(),
      // The team's trigger waits in its queue; the bot's goes to the inbox's bot (if any); an operator's is theirs.
      ...(sender.kind === 'team' ? { teamId: sender.teamId } : {}),
      ...(sender.kind === 'bot' ? {} : { withBot: false }),
    });
    if (sender.kind === 'operator') await trx.updateTable('conversations').set({ assignee_id: sender.operatorId }).where('id', '=', conv.id).execute();
    const linked = await setImpressionConversation(trx, imp.id, conv.id);
    if (!linked) throw new AppError('conflict', 'This message was already answered');
    const author =
      sender.kind === 'operator' ? { kind: 'operator' as const, id: sender.operatorId, name: look.name } : { kind: 'bot' as const, id: null, name: look.name };
    return storeMessage(trx, ctx.dbKind, {
      workspaceId: visitor.workspaceId,
      conversationId: conv.id,
      author,
      clientId: `trigger:${imp.id}`,
      body,
      now: ctx.now(),
    });
  });
  if ('active' in stored) return { conversationId: stored.active as string, started: false };
  const result = announceStored(ctx.events, stored);
  ctx.events.emit({ type: 'conversation.created', workspaceId: visitor.workspaceId, visitorId: visitor.id, conversation: result.conversation });
  ctx.events.emit({
    type: 'visitor.invited',
    workspaceId: visitor.workspaceId,
    visitorId: visitor.id,
    conversationId: result.conversation.id,
    operatorName: look.name,
  });
  return { conversationId: result.conversation.id, started: true };
}
