/**
 * How long the delivery log is kept (privacy): each delivery holds the
 * event's JSON as sent (names, emails, message text), to webhook endpoints
 * and to agent bots alike. Besides the bound per endpoint (the newest
 * DELIVERIES_KEPT deliveries, ATTEMPTS_KEPT attempts), a delivery and its
 * attempts are deleted 30 days after it was made by the hourly
 * 'maintenance.sweep' (retries end after about 27 hours, so by then every
 * delivery has ended; a run of one still due finds none and does nothing).
 * The log never holds the endpoint's secret: only the signed body, the
 * answer's first 2 KB and the reason of a failure.
 */
import type { Db } from '../db/database.js';
import './webhook.table.js';

export const DELIVERY_LOG_KEPT_MS = 30 * 24 * 3600_000;
const BATCH = 2000;
/** One sweep deletes at most this many deliveries; the next one, an hour later, goes on. */
const MAX_PER_SWEEP = 100_000;

/** Deliveries made before `now - 30 days` and their attempts (index webhook_deliveries_created, then webhook_attempts_delivery). */
export async function deleteOldDeliveries(db: Db, now: number): Promise<number> {
  let total = 0;
  while (total < MAX_PER_SWEEP) {
    const ids = (
      await db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('created_at', '<', now - DELIVERY_LOG_KEPT_MS)
        .limit(BATCH)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) break;
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', ids).execute();
      await trx.deleteFrom('webhook_deliveries').where('id', 'in', ids).execute();
    });
    total += ids.length;
    if (ids.length < BATCH) break;
  }
  return total;
}
