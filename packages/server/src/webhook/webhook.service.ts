/**
 * Webhook endpoints of a workspace, managed by its owners and admins: made
 * with a secret shown once, changed, rotated, deleted; their delivery log and
 * resend; and the workspace's choice to allow private targets.
 */
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { scheduleAttempt } from './deliver.js';
import type { WebhookTargets } from './subscribe.js';
import {
  allowsPrivate,
  deliveryLog,
  findDelivery,
  findEndpoint,
  listEndpoints,
  presentDelivery,
  presentEndpoint,
  setAllowPrivate,
  type EndpointRow,
} from './webhook.repository.js';
import { type DeliveryDto, type EndpointDto, type EndpointInput, newWebhookSecret } from './webhook.js';

export class WebhookService {
  constructor(
    private readonly ctx: Context,
    private readonly targets: WebhookTargets,
  ) {}

  async list(actor: Operator): Promise<EndpointDto[]> {
    authorize(actor, 'webhook.manage');
    return (await listEndpoints(this.ctx.db, actor.workspaceId)).map(presentEndpoint);
  }

  async create(actor: Operator, input: EndpointInput): Promise<{ endpoint: EndpointDto; secret: string }> {
    authorize(actor, 'webhook.manage');
    const now = this.ctx.now();
    const row: EndpointRow = {
      id: newId(),
      workspace_id: actor.workspaceId,
      bot_id: null,
      url: input.url,
      description: input.description,
      event_types: JSON.stringify(input.eventTypes),
      enabled: input.enabled ? 1 : 0,
      secret: newWebhookSecret(),
      created_at: now,
      updated_at: now,
    };
    await this.ctx.db.insertInto('webhook_endpoints').values(row).execute();
    this.targets.changed(actor.workspaceId);
    this.ctx.log.info({ endpointId: row.id, operatorId: actor.id }, 'webhook endpoint added');
    return { endpoint: presentEndpoint(row), secret: row.secret };
  }

  private async own(actor: Operator, id: string): Promise<EndpointRow> {
    authorize(actor, 'webhook.manage');
    const row = await findEndpoint(this.ctx.db, actor.workspaceId, id);
    // A bot's endpoint is changed through its bot.
    if (!row || row.bot_id) throw notFound('Webhook endpoint');
    return row;
  }

  async update(actor: Operator, id: string, patch: Partial<EndpointInput>): Promise<EndpointDto> {
    const current = await this.own(actor, id);
    const next: EndpointRow = {
      ...current,
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.eventTypes !== undefined ? { event_types: JSON.stringify(patch.eventTypes) } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
      updated_at: this.ctx.now(),
    };
    await this.ctx.db
      .updateTable('webhook_endpoints')
      .set({ url: next.url, description: next.description, event_types: next.event_types, enabled: next.enabled, updated_at: next.updated_at })
      .where('id', '=', id)
      .execute();
    this.targets.changed(actor.workspaceId);
    return presentEndpoint(next);
  }

  /** A new secret, shown once; the old one stops signing at once. */
  async rotate(actor: Operator, id: string): Promise<{ secret: string }> {
    await this.own(actor, id);
    const secret = newWebhookSecret();
    await this.ctx.db.updateTable('webhook_endpoints').set({ secret, updated_at: this.ctx.now() }).where('id', '=', id).execute();
    this.targets.changed(actor.workspaceId);
    this.ctx.log.info({ endpointId: id, operatorId: actor.id }, 'webhook secret replaced');
    return { secret };
  }

  async remove(actor: Operator, id: string): Promise<void> {
    await this.own(actor, id);
    await deleteEndpointRows(this.ctx, id);
    this.targets.changed(actor.workspaceId);
  }

  async deliveries(actor: Operator, id: string, limit: number): Promise<DeliveryDto[]> {
    await this.own(actor, id);
    return deliveryLog(this.ctx.db, id, limit);
  }

  /** One more attempt now, whatever the delivery's state (its log grows by one). */
  async resend(actor: Operator, id: string, deliveryId: string): Promise<DeliveryDto> {
    await this.own(actor, id);
    const d = await findDelivery(this.ctx.db, deliveryId.replace(/^msg_/, ''));
    if (!d || d.endpoint_id !== id) throw notFound('Delivery');
    await scheduleAttempt(this.ctx, this.ctx.db, d, this.ctx.now(), d.attempts + 1, true);
    return presentDelivery(d, []);
  }

  async settings(actor: Operator): Promise<{ allowPrivateTargets: boolean }> {
    authorize(actor, 'webhook.manage');
    return { allowPrivateTargets: await allowsPrivate(this.ctx.db, actor.workspaceId) };
  }

  async setSettings(actor: Operator, input: { allowPrivateTargets: boolean }): Promise<{ allowPrivateTargets: boolean }> {
    authorize(actor, 'webhook.manage');
    await setAllowPrivate(this.ctx.db, actor.workspaceId, input.allowPrivateTargets, this.ctx.now());
    this.ctx.log.info({ operatorId: actor.id, allowPrivateTargets: input.allowPrivateTargets }, 'webhook private targets setting changed');
    return input;
  }
}

/** An endpoint goes with its log; attempts still due find no delivery and end. */
export async function deleteEndpointRows(ctx: Context, endpointId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('webhook_attempts').where('endpoint_id', '=', endpointId).execute();
    await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', endpointId).execute();
    await trx.deleteFrom('webhook_endpoints').where('id', '=', endpointId).execute();
  });
}
