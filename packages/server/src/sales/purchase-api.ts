/**
 * A purchase reported by the shop's own server (POST /api/v1/purchases, an
 * admin's session or API token): for the visitor it names, checked like the
 * SDK's, trusted without a signature (the token vouches for it), stored once
 * per order id and attributed like any other.
 */
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { recordPurchase } from './record-purchase.js';

export async function purchaseFromServer(ctx: Context, actor: Operator, body: { visitorId: string } & Record<string, unknown>) {
  authorize(actor, 'sales.manage');
  const { visitorId, ...data } = body;
  const row = await ctx.db
    .selectFrom('visitors')
    .select(['id', 'inbox_id'])
    .where('id', '=', visitorId)
    .where('workspace_id', '=', actor.workspaceId)
    .executeTakeFirst();
  if (!row) throw notFound('Visitor');
  const r = await recordPurchase(ctx, { visitor: { id: row.id, workspaceId: actor.workspaceId, inboxId: row.inbox_id }, data, trusted: true });
  return { id: r.purchase.id, orderId: r.purchase.order_id, repeated: r.repeated, attributed: r.sale !== null };
}
