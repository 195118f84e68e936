/**
 * Domain events become webhook deliveries: for each enabled endpoint that
 * subscribed to the event, a delivery row and its first attempt (a durable
 * job due now), in one transaction. This runs after the change committed,
 * never on the path of a message being sent or acknowledged. A bot's
 * endpoint gets only the new conversations and visitor messages of the
 * conversations it is handling.
 */
import type { ConversationSummary } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { scheduleAttempt } from './deliver.js';
import { type EndpointRow, enabledEndpoints, insertDelivery } from './webhook.repository.js';
import type { WebhookEventType } from './webhook.js';

/** How long a node trusts its list of a workspace's endpoints (changes made on this node apply at once). */
const ENDPOINTS_TTL_MS = 5_000;

export class WebhookTargets {
  private readonly cache = new Map<string, { until: number; rows: Promise<EndpointRow[]> }>();
  constructor(private readonly ctx: Context) {}

  endpoints(workspaceId: string): Promise<EndpointRow[]> {
    const now = Date.now();
    const hit = this.cache.get(workspaceId);
    if (hit && hit.until > now) return hit.rows;
    const rows = enabledEndpoints(this.ctx.db, workspaceId);
    this.cache.set(workspaceId, { until: now + ENDPOINTS_TTL_MS, rows });
    rows.catch(() => this.cache.delete(workspaceId));
    return rows;
  }

  changed(workspaceId: string): void {
    this.cache.delete(workspaceId);
  }
}

interface BotScope {
  conversation: ConversationSummary;
  /** Whether a bot handling the conversation gets this event at all. */
  forBot: boolean;
}

async function botHandles(ctx: Context, botId: string, conversationId: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('bot_conversations')
    .select('conversation_id')
    .where('conversation_id', '=', conversationId)
    .where('bot_id', '=', botId)
    .where('handed_over_at', 'is', null)
    .executeTakeFirst();
  return !!row;
}

export async function enqueueEvent(ctx: Context, targets: WebhookTargets, workspaceId: string, type: WebhookEventType, data: unknown, scope?: BotScope) {
  const chosen: EndpointRow[] = [];
  for (const ep of await targets.endpoints(workspaceId)) {
    if (!(JSON.parse(ep.event_types) as string[]).includes(type)) continue;
    if (ep.bot_id && !(scope?.forBot && (await botHandles(ctx, ep.bot_id, scope.conversation.id)))) continue;
    chosen.push(ep);
  }
  if (chosen.length === 0) return;
  const now = ctx.now();
  const payload = JSON.stringify({ type, timestamp: new Date(now).toISOString(), data });
  await ctx.db.transaction().execute(async (trx) => {
    for (const ep of chosen) {
      const id = await insertDelivery(trx, { workspaceId, endpointId: ep.id, eventType: type, payload, now });
      await scheduleAttempt(ctx, trx, { id, workspace_id: workspaceId }, now, 1);
    }
  });
}

export function subscribeWebhooks(ctx: Context, targets: WebhookTargets): void {
  const send = (workspaceId: string, type: WebhookEventType, data: unknown, scope?: BotScope) =>
    void enqueueEvent(ctx, targets, workspaceId, type, data, scope).catch((err) => ctx.log.error({ err, event: type }, 'webhook enqueue failed'));

  ctx.events.on('conversation.created', (e) =>
    send(e.workspaceId, 'conversation.created', { conversation: e.conversation }, { conversation: e.conversation, forBot: true }),
  );
  ctx.events.on('message.created', (e) => {
    const { message, conversation } = e;
    const ev = message.event;
    if (!ev) {
      send(e.workspaceId, 'message.created', { message, conversation }, { conversation, forBot: message.author.kind === 'visitor' });
    } else if (ev.type === 'assigned' && ev.operatorId) {
      send(e.workspaceId, 'conversation.assigned', { conversation, assignee: { id: ev.operatorId, name: ev.operatorName } });
    } else if (ev.type === 'status') {
      send(e.workspaceId, 'conversation.status_changed', { conversation, status: ev.status });
    } else if (ev.type === 'rating') {
      send(e.workspaceId, 'rating.submitted', { conversation, rating: ev.rating, comment: ev.comment });
    }
  });
  ctx.events.on('contact.created', (e) => send(e.workspaceId, 'contact.created', { contact: e.contact }));
  ctx.events.on('contact.changed', (e) => {
    if (e.change === 'updated') send(e.workspaceId, 'contact.updated', { contact: e.contact });
  });
}

/** A person assigned or answered the conversation: the bot's part ends (it gets no more of its messages). */
export function subscribeBots(ctx: Context): void {
  ctx.events.on('message.created', async (e) => {
    const ev = e.message.event;
    const byPerson = (!ev && e.message.author.kind === 'operator') || (ev?.type === 'assigned' && ev.operatorId !== null);
    if (!byPerson) return;
    await ctx.db
      .updateTable('bot_conversations')
      .set({ handed_over_at: ctx.now() })
      .where('conversation_id', '=', e.conversation.id)
      .where('handed_over_at', 'is', null)
      .execute();
  });
}
