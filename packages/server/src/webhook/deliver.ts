/**
 * Delivering one event to one endpoint, through the durable jobs: each
 * attempt is a job (`webhook.deliver`); a 2xx ends it, anything else is
 * written to the delivery log and the next attempt is scheduled after the
 * delay of RETRY_DELAYS_MS (about 27 hours over 8 attempts). The outside call
 * happens outside any transaction; its log row, the next attempt and the
 * job's completion commit together.
 *
 * At least once: a run whose node died after the call but before the commit
 * sends again with the same `webhook-id`, which receivers use to drop
 * duplicates (as the specification asks of them).
 */
import { performance } from 'node:perf_hooks';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import type { JobContext } from '../jobs/job.js';
import { guardedFetch, OutboundError } from '../net/outbound.js';
import { allowsPrivate, type DeliveryRow, findDelivery, recordAttempt, trimLog } from './webhook.repository.js';
import { MAX_ATTEMPTS, RESPONSE_EXCERPT_BYTES, RETRY_DELAYS_MS, signedHeaders } from './webhook.js';

export const DELIVER = 'webhook.deliver';
const ATTEMPT_TIMEOUT_MS = 15_000;
const ENDPOINT_GONE = 'The endpoint was deleted';
const ENDPOINT_OFF = 'The endpoint is turned off';

interface DeliverPayload {
  deliveryId: string;
  /** A resend from the console: one attempt now, whatever the delivery's state, without retries after it. */
  resend?: boolean;
}

export async function scheduleAttempt(ctx: Context, db: Db, d: Pick<DeliveryRow, 'id' | 'workspace_id'>, runAt: number, attempt: number, resend = false) {
  await ctx.jobs.schedule<DeliverPayload>(
    {
      kind: DELIVER,
      runAt,
      payload: resend ? { deliveryId: d.id, resend } : { deliveryId: d.id },
      key: `${DELIVER}:${d.id}:${resend ? 'resend:' : ''}${attempt}`,
      // Retries are the schedule's; a run that crashes its process is run again a few times only.
      maxAttempts: 3,
      workspaceId: d.workspace_id,
    },
    db,
  );
}

interface Outcome {
  status_code: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number;
}

async function attempt(ctx: Context, d: DeliveryRow, job: JobContext, resend: boolean): Promise<Outcome> {
  const endpoint = await job.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', d.endpoint_id).executeTakeFirst();
  if (!endpoint) return { status_code: null, response_body: null, error: ENDPOINT_GONE, duration_ms: 0 };
  // Turned off while a retry was due: no more tries (a resend still sends).
  if (endpoint.enabled !== 1 && !resend) return { status_code: null, response_body: null, error: ENDPOINT_OFF, duration_ms: 0 };
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const res = await guardedFetch(
      endpoint.url,
      {
        method: 'POST',
        headers: signedHeaders(endpoint.secret, `msg_${d.id}`, ctx.now(), d.payload),
        body: d.payload,
        timeoutMs: ATTEMPT_TIMEOUT_MS,
        maxBytes: RESPONSE_EXCERPT_BYTES,
        signal: job.signal,
      },
      { allowPrivate: await allowsPrivate(job.db, d.workspace_id) },
    );
    const ok = res.status >= 200 && res.status < 300;
    return { status_code: res.status, response_body: res.body, error: ok ? null : `The endpoint answered ${res.status}`, duration_ms: took() };
  } catch (err) {
    // The reason in words for the log; never the secret or the payload.
    const error = err instanceof OutboundError ? err.message : err instanceof Error ? err.message : String(err);
    return { status_code: null, response_body: null, error: error.slice(0, 500), duration_ms: took() };
  }
}

export function handleDeliveries(ctx: Context): void {
  ctx.jobs.handle<DeliverPayload>(DELIVER, async (ctx, p, job) => {
    const d = await findDelivery(job.db, p.deliveryId);
    // Deleted with its endpoint, or already ended (a resend succeeded meanwhile): nothing to do.
    if (!d || (!p.resend && d.state !== 'pending')) return;
    const outcome = await attempt(ctx, d, job, p.resend === true);
    const n = d.attempts + 1;
    const at = ctx.now();
    const ok = outcome.error === null;
    const retry = !ok && !p.resend && n < MAX_ATTEMPTS && outcome.error !== ENDPOINT_GONE && outcome.error !== ENDPOINT_OFF;
    const nextAttemptAt = retry ? at + RETRY_DELAYS_MS[n - 1]! : null;
    await job.db.transaction().execute(async (trx) => {
      await recordAttempt(trx, d, { attempt: n, at, ...outcome }, { state: ok ? 'succeeded' : retry ? 'pending' : 'failed', nextAttemptAt });
      if (nextAttemptAt !== null) await scheduleAttempt(ctx, trx, d, nextAttemptAt, n + 1);
      await trimLog(trx, d.endpoint_id);
      await job.complete(trx);
    });
  });
}
