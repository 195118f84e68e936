/**
 * The recordPurchase command: the host site reports a purchase through the
 * SDK (`Switchboard('track', 'purchase', …)`). Checked field by field (each
 * refusal its own code), verified like identity when the inbox requires
 * signed purchases (an HMAC-SHA256 of the order id under the inbox's identity
 * secret, compared in constant time), stored once per order id and attributed
 * in the same transaction (last touch, never twice). A repeated order id is
 * answered like the first without a second purchase or attribution.
 */
import type { SaleDto, VisitorEventDto } from '@switchboard/protocol';
import { fromMinor, toMinor } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { AppError, type ErrorCode } from '../errors.js';
import { hashMatches } from '../identity/identity.js';
import { readIdentitySecret } from '../identity/identity.repository.js';
import { newId } from '../ids.js';
import type { Visitor } from '../visitor/visitor.js';
import { insertVisitorEvent } from '../visitor/visitor-event.repository.js';
import type { VisitorEventRow } from '../visitor/visitor-event.table.js';
import { attributePurchase } from './attribution.js';
import type { PurchaseAttributionTable, PurchaseRow } from './purchase.table.js';
import { DAY_MS, PURCHASE_EVENT, PURCHASE_REFUSALS, type PurchaseInput, purchaseInput } from './sales.js';
import { findAttribution, findPurchaseByOrder, insertAttribution, insertPurchase, signedPurchasesRequired, visitorsOfSamePerson } from './sales.repository.js';
import { readSalesSettings } from './sales-settings.js';

export interface RecordPurchaseProps {
  visitor: Pick<Visitor, 'id' | 'workspaceId' | 'inboxId'>;
  /** The event's data as the page sent it. */
  data: unknown;
  /** Reported by the shop's server with an admin's API token: no signature needed, counted as verified. */
  trusted?: boolean;
}

export interface RecordedPurchase {
  purchase: PurchaseRow;
  /** The order id was known: nothing new was stored. */
  repeated: boolean;
  sale: SaleDto | null;
}

/** Checks the data; a refusal's code names the first field at fault, `details` every one. */
export function parsePurchase(data: unknown): PurchaseInput {
  const r = purchaseInput.safeParse(data ?? {});
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ in: 'body', path: ['data', ...i.path.map(String)].join('.'), message: i.message }));
  const first = r.error.issues[0];
  const field = first?.path[0];
  const code: ErrorCode =
    (first?.code === 'unrecognized_keys' && first.path.length === 0) || typeof field !== 'string' || !(field in PURCHASE_REFUSALS)
      ? 'purchase_data_invalid'
      : field === 'hmac'
        ? 'purchase_signature_invalid'
        : PURCHASE_REFUSALS[field as keyof typeof PURCHASE_REFUSALS];
  const message =
    first?.code === 'unrecognized_keys'
      ? `A purchase has orderId, value, currency, items and hmac only (${first.message})`
      : (first?.message ?? 'Not a purchase');
  throw new AppError(code, message, { details });
}

export async function recordPurchase(ctx: Context, p: RecordPurchaseProps): Promise<RecordedPurchase> {
  const { visitor } = p;
  const input = parsePurchase(p.data);
  const verified = p.trusted === true || (await checkSignature(ctx, visitor, input));
  const valueMinor = toMinor(input.value, input.currency);
  if (valueMinor === null) throw new AppError('purchase_value_invalid', 'value is too large');
  const items = input.items.map((i) => {
    const priceMinor = i.price === undefined ? undefined : toMinor(i.price, input.currency);
    if (priceMinor === null) throw new AppError('purchase_items_invalid', 'An item price is too large');
    return { productId: i.productId, quantity: i.quantity, ...(priceMinor === undefined ? {} : { priceMinor }) };
  });
  const now = ctx.now();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const person = await visitorsOfSamePerson(trx, visitor.workspaceId, visitor.id);
    const row: PurchaseRow = {
      id: newId(),
      workspace_id: visitor.workspaceId,
      inbox_id: visitor.inboxId,
      visitor_id: visitor.id,
      contact_id: person.contactId,
      order_id: input.orderId,
      value_minor: valueMinor,
      currency: input.currency,
      items: JSON.stringify(items),
      verified: verified ? 1 : 0,
      created_at: now,
    };
    if (!(await insertPurchase(trx, row))) {
      const known = await findPurchaseByOrder(trx, visitor.workspaceId, input.orderId);
      if (!known) throw new AppError('conflict', 'The purchase could not be stored; try again');
      const attribution = await findAttribution(trx, visitor.workspaceId, known.id);
      return { purchase: known, repeated: true, attribution: attribution ?? null };
    }
    const settings = await readSalesSettings(trx, visitor.workspaceId);
    const p = { id: row.id, workspaceId: row.workspace_id, inboxId: row.inbox_id, visitorId: row.visitor_id, valueMinor, currency: input.currency, at: now };
    let attribution: PurchaseAttributionTable | null = await attributePurchase(trx, p, person, settings.windowDays * DAY_MS);
    if (attribution && !(await insertAttribution(trx, attribution))) attribution = null;
    // Operators see the purchase beside the visitor's pages and events.
    await insertVisitorEvent(trx, purchaseEvent(row, input));
    return { purchase: row, repeated: false, attribution };
  });
  const sale = outcome.attribution ? presentSale(outcome.purchase, outcome.attribution) : null;
  if (sale && !outcome.repeated) ctx.events.emit({ type: 'sale.attributed', workspaceId: visitor.workspaceId, sale });
  if (outcome.repeated) ctx.log.info({ visitorId: visitor.id, purchaseId: outcome.purchase.id }, 'purchase reported again: counted once');
  return { purchase: outcome.purchase, repeated: outcome.repeated, sale };
}

async function checkSignature(ctx: Context, visitor: RecordPurchaseProps['visitor'], input: PurchaseInput): Promise<boolean> {
  const required = await signedPurchasesRequired(ctx.db, visitor.workspaceId, visitor.inboxId);
  if (input.hmac === undefined) {
    if (required)
      throw new AppError(
        'purchase_signature_required',
        'This inbox requires signed purchases: send hmac, the HMAC-SHA256 of the order id under the identity secret',
      );
    return false;
  }
  const secret = await readIdentitySecret(ctx.db, visitor.inboxId);
  if (secret === null || !hashMatches(secret, input.orderId, input.hmac)) {
    // Never the secret, the hmac or the order id: enough to see that a site's signatures are wrong.
    ctx.log.info({ visitorId: visitor.id, inboxId: visitor.inboxId, secretSet: secret !== null }, 'purchase signature not valid: refused');
    throw new AppError('purchase_signature_invalid', 'The purchase signature (hmac) does not match the order id');
  }
  return true;
}

function purchaseEvent(row: PurchaseRow, input: PurchaseInput): VisitorEventRow {
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    visitor_id: row.visitor_id,
    name: PURCHASE_EVENT,
    data: JSON.stringify({ orderId: input.orderId, value: input.value, currency: input.currency, items: input.items.length }),
    created_at: Number(row.created_at),
  };
}

/** What the track route answers for a purchase: the event operators see (the first report's, when repeated). */
export function purchaseEventDto(r: RecordedPurchase): VisitorEventDto {
  const row = r.purchase;
  const items = (JSON.parse(row.items) as unknown[]).length;
  return {
    id: row.id,
    name: PURCHASE_EVENT,
    data: { orderId: row.order_id, value: fromMinor(Number(row.value_minor), row.currency), currency: row.currency, items },
    createdAt: Number(row.created_at),
  };
}

export function presentSale(purchase: PurchaseRow, a: PurchaseAttributionTable): SaleDto {
  return {
    purchaseId: purchase.id,
    orderId: purchase.order_id,
    inboxId: a.inbox_id,
    valueMinor: Number(a.value_minor),
    currency: a.currency,
    purchasedAt: Number(a.purchased_at),
    touch: a.touch,
    conversationId: a.conversation_id,
    operatorId: a.operator_id,
    teamId: a.team_id,
    triggerId: a.trigger_id,
    triggerVariant: a.trigger_variant,
  };
}
