/** SQL of webhooks: endpoints, deliveries and their attempts, the workspace's setting, bots. */
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { newId } from '../ids.js';
import { ATTEMPTS_KEPT, DELIVERIES_KEPT, type DeliveryDto, type EndpointDto, type WebhookEventType } from './webhook.js';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEndpointsTable } from './webhook.table.js';
import './webhook.table.js';

export type EndpointRow = Selectable<WebhookEndpointsTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type AttemptRow = Selectable<WebhookAttemptsTable>;

export const presentEndpoint = (r: EndpointRow): EndpointDto => ({
  id: r.id,
  url: r.url,
  description: r.description,
  eventTypes: JSON.parse(r.event_types) as WebhookEventType[],
  enabled: r.enabled === 1,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export function presentDelivery(d: DeliveryRow, attempts: AttemptRow[]): DeliveryDto {
  return {
    id: `msg_${d.id}`,
    eventType: d.event_type,
    state: d.state as DeliveryDto['state'],
    attempts: d.attempts,
    nextAttemptAt: d.next_attempt_at === null ? null : Number(d.next_attempt_at),
    createdAt: Number(d.created_at),
    payload: d.payload,
    log: attempts.map((a) => ({
      attempt: a.attempt,
      at: Number(a.at),
      statusCode: a.status_code,
      responseBody: a.response_body,
      durationMs: a.duration_ms,
      error: a.error,
    })),
  };
}

export async function allowsPrivate(db: Db, workspaceId: string): Promise<boolean> {
  const row = await db.selectFrom('webhook_settings').select('allow_private').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row?.allow_private === 1;
}

export async function setAllowPrivate(db: Db, workspaceId: string, allow: boolean, now: number): Promise<void> {
  await db
    .insertInto('webhook_settings')
    .values({ workspace_id: workspaceId, allow_private: allow ? 1 : 0, updated_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ allow_private: allow ? 1 : 0, updated_at: now }))
    .execute();
}

export const findEndpoint = (db: Db, workspaceId: string, id: string) =>
  db.selectFrom('webhook_endpoints').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

/** The workspace's own endpoints (bots' endpoints are listed with their bot). */
export const listEndpoints = (db: Db, workspaceId: string) =>
  db.selectFrom('webhook_endpoints').selectAll().where('workspace_id', '=', workspaceId).where('bot_id', 'is', null).orderBy('created_at').execute();

export const enabledEndpoints = (db: Db, workspaceId: string) =>
  db.selectFrom('webhook_endpoints').selectAll().where('workspace_id', '=', workspaceId).where('enabled', '=', 1).execute();

export async function insertDelivery(db: Db, p: { workspaceId: string; endpointId: string; eventType: string; payload: string; now: number }): Promise<string> {
  const id = newId();
  await db
    .insertInto('webhook_deliveries')
    .values({
      id,
      workspace_id: p.workspaceId,
      endpoint_id: p.endpointId,
      event_type: p.eventType,
      payload: p.payload,
      state: 'pending',
      attempts: 0,
      next_attempt_at: p.now,
      created_at: p.now,
      updated_at: p.now,
    })
    .execute();
  return id;
}

export const findDelivery = (db: Db, id: string) => db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();

export async function recordAttempt(
  db: Db,
  d: DeliveryRow,
  a: Omit<AttemptRow, 'id' | 'delivery_id' | 'endpoint_id'>,
  next: { state: 'pending' | 'succeeded' | 'failed'; nextAttemptAt: number | null },
): Promise<void> {
  await db
    .insertInto('webhook_attempts')
    .values({ id: newId(), delivery_id: d.id, endpoint_id: d.endpoint_id, ...a })
    .execute();
  await db
    .updateTable('webhook_deliveries')
    .set({ state: next.state, attempts: a.attempt, next_attempt_at: next.nextAttemptAt, updated_at: a.at })
    .where('id', '=', d.id)
    .execute();
}

/** The delivery log stays bounded: the oldest deliveries and attempts of the endpoint beyond what is kept go. */
export async function trimLog(db: Db, endpointId: string): Promise<void> {
  const oldDelivery = await db
    .selectFrom('webhook_deliveries')
    .select('created_at')
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .offset(DELIVERIES_KEPT)
    .limit(1)
    .executeTakeFirst();
  if (oldDelivery) {
    const gone = db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('endpoint_id', '=', endpointId)
      .where('created_at', '<=', oldDelivery.created_at)
      .where('state', '!=', 'pending');
    await db.deleteFrom('webhook_attempts').where('delivery_id', 'in', gone).execute();
    await db
      .deleteFrom('webhook_deliveries')
      .where('endpoint_id', '=', endpointId)
      .where('created_at', '<=', oldDelivery.created_at)
      .where('state', '!=', 'pending')
      .execute();
  }
  const oldAttempt = await db
    .selectFrom('webhook_attempts')
    .select('at')
    .where('endpoint_id', '=', endpointId)
    .orderBy('at', 'desc')
    .offset(ATTEMPTS_KEPT)
    .limit(1)
    .executeTakeFirst();
  if (oldAttempt) await db.deleteFrom('webhook_attempts').where('endpoint_id', '=', endpointId).where('at', '<=', oldAttempt.at).execute();
}

export async function deliveryLog(db: Db, endpointId: string, limit: number): Promise<DeliveryDto[]> {
  const deliveries = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (deliveries.length === 0) return [];
  const attempts = await db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where(
      'delivery_id',
      'in',
      deliveries.map((d) => d.id),
    )
    .orderBy('attempt', 'desc')
    .orderBy('at', 'desc')
    .execute();
  return deliveries.map((d) =>
    presentDelivery(
      d,
      attempts.filter((a) => a.delivery_id === d.id),
    ),
  );
}
