/**
 * The curation loop's durable jobs, off the send path:
 * - `content-gap.check:<conversation>`: a visitor's message in a conversation
 *   with no check yet → its first question is checked once (content-gaps.ts);
 * - `content-gap.cover:<workspace>`: an article was published or changed
 *   while published → open clusters it now answers are marked covered;
 * - `faq.mine-all` (daily) → `faq.mine:<workspace>` for every workspace, the
 *   same job `POST /api/v1/faq-drafts/mine` makes due at once.
 */
import type { Context } from '../context.js';
import type { Jobs } from '../jobs/job.js';
import { checkConversation, coverClusters } from './content-gaps.js';
import { mineDrafts, storeDrafts } from './faq-drafts.js';

export const GAP_CHECK = 'content-gap.check';
export const GAP_COVER = 'content-gap.cover';
export const FAQ_MINE = 'faq.mine';
export const FAQ_MINE_ALL = 'faq.mine-all';
const DAY = 86_400_000;
/** Lets the announcement of the change reach every node's article index before clusters are compared with it. */
const COVER_DELAY_MS = 5_000;

export const checkKey = (conversationId: string) => `${GAP_CHECK}:${conversationId}`;
export const coverKey = (workspaceId: string) => `${GAP_COVER}:${workspaceId}`;
export const mineKey = (workspaceId: string) => `${FAQ_MINE}:${workspaceId}`;

interface WorkspacePayload {
  workspaceId: string;
}

export function handleCuration(jobs: Jobs): void {
  jobs.handle<{ workspaceId: string; conversationId: string }>(GAP_CHECK, async (ctx, p, job) => {
    await checkConversation(ctx, { ...p, complete: (trx) => job.complete(trx) });
  });
  jobs.handle<WorkspacePayload>(GAP_COVER, async (ctx, p) => {
    await coverClusters(ctx, p.workspaceId);
  });
  jobs.handle<WorkspacePayload>(FAQ_MINE, async (ctx, p, job) => {
    const drafts = await mineDrafts(ctx, p.workspaceId);
    await job.db.transaction().execute(async (trx) => {
      await storeDrafts(trx, p.workspaceId, drafts, ctx.now());
      await job.complete(trx);
    });
  });
  jobs.handle(FAQ_MINE_ALL, async (ctx) => {
    await ctx.jobs.schedule({ kind: FAQ_MINE_ALL, key: FAQ_MINE_ALL, runAt: ctx.now() + DAY, payload: {}, replace: true });
    const workspaces = await ctx.db.selectFrom('workspaces').select('id').execute();
    for (const w of workspaces) {
      await ctx.jobs.schedule({ kind: FAQ_MINE, key: mineKey(w.id), runAt: ctx.now(), payload: { workspaceId: w.id }, workspaceId: w.id });
    }
  });
}

const SEEN_MAX = 50_000;

/** Domain events → jobs. The job keys make a burst of messages one check per conversation. */
export function subscribeCuration(ctx: Context): void {
  const onError = (err: unknown) => ctx.log.error({ err }, 'curation scheduling failed');
  // Conversations this node already looked at: a chat's later messages cost no query (bounded, oldest forgotten first).
  const seen = new Set<string>();
  ctx.events.on('message.created', (e) => {
    const m = e.message;
    if (m.author.kind !== 'visitor' || m.kind !== 'text' || !m.body) return;
    if (seen.has(m.conversationId)) return;
    seen.add(m.conversationId);
    if (seen.size > SEEN_MAX) seen.delete(seen.values().next().value!);
    const key = checkKey(m.conversationId);
    void (async () => {
      // Checked once per conversation: a job already under the key (pending, running or done) is enough.
      if (await ctx.jobs.get(key)) return;
      await ctx.jobs.schedule({
        kind: GAP_CHECK,
        key,
        runAt: ctx.now(),
        payload: { workspaceId: e.workspaceId, conversationId: m.conversationId },
        workspaceId: e.workspaceId,
      });
    })().catch(onError);
  });
  ctx.events.on('article.changed', (e) => {
    if (e.state !== 'published' || (e.change !== 'published' && e.change !== 'updated')) return;
    ctx.jobs
      .schedule({
        kind: GAP_COVER,
        key: coverKey(e.workspaceId),
        runAt: ctx.now() + COVER_DELAY_MS,
        payload: { workspaceId: e.workspaceId },
        replace: true,
        workspaceId: e.workspaceId,
      })
      .catch(onError);
  });
}

/** At start: the daily mining, in a day, unless one is pending or running already. */
export async function scheduleCuration(ctx: Context): Promise<void> {
  await ctx.jobs.schedule({ kind: FAQ_MINE_ALL, key: FAQ_MINE_ALL, runAt: ctx.now() + DAY, payload: {} });
}
