/**
 * Article effectiveness over a period (F4): views by source, helpful and
 * unhelpful votes, chats avoided and insertions, per article and for the
 * workspace. One grouped SQL per figure, scoped to the workspace, the same
 * on SQLite and PostgreSQL.
 *
 * A chat avoided is a helpful vote (its last answer, at `updated_at`) after
 * which that visitor started no conversation within 24 hours; it is counted
 * once those 24 hours have passed.
 */
import { sql } from 'kysely';
import type { Context } from '../context.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { EffectivenessDto } from './curation.js';

const DAY = 86_400_000;
export const AVOIDED_WINDOW_MS = DAY;

type Figures = EffectivenessDto['totals'];
const zero = (): Figures => ({ views: 0, viewsWidget: 0, viewsHelp: 0, helpful: 0, unhelpful: 0, chatsAvoided: 0, inserted: 0 });

export async function articleEffectiveness(
  ctx: Context,
  actor: Operator,
  q: { from?: number | undefined; to?: number | undefined },
): Promise<EffectivenessDto> {
  authorize(actor, 'article.manage');
  const ws = actor.workspaceId;
  const now = ctx.now();
  const to = q.to ?? now;
  const from = q.from ?? to - 30 * DAY;
  const db = ctx.db;

  const views = await db
    .selectFrom('article_events')
    .select(['article_id', 'source', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', ws)
    .where('kind', '=', 'view')
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy(['article_id', 'source'])
    .execute();
  const inserted = await db
    .selectFrom('article_events')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', ws)
    .where('kind', '=', 'inserted')
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy('article_id')
    .execute();
  const votes = await db
    .selectFrom('article_votes')
    .select(['article_id', 'helpful', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', ws)
    .where('updated_at', '>=', from)
    .where('updated_at', '<', to)
    .groupBy(['article_id', 'helpful'])
    .execute();
  // Only votes whose 24 hours are over can count.
  const avoidedUntil = Math.min(to, now - AVOIDED_WINDOW_MS);
  const avoided = await db
    .selectFrom('article_votes as v')
    .select(['v.article_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('v.workspace_id', '=', ws)
    .where('v.helpful', '=', 1)
    .where('v.updated_at', '>=', from)
    .where('v.updated_at', '<', avoidedUntil)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('conversations as c')
            .select(sql`1`.as('one'))
            .where('c.workspace_id', '=', ws)
            .whereRef('c.visitor_id', '=', 'v.visitor_id')
            .whereRef('c.created_at', '>=', 'v.updated_at')
            .where('c.created_at', '<=', sql<number>`v.updated_at + ${AVOIDED_WINDOW_MS}`),
        ),
      ),
    )
    .groupBy('v.article_id')
    .execute();
  const articles = await db.selectFrom('articles').select(['id', 'title', 'state']).where('workspace_id', '=', ws).orderBy('title').limit(5000).execute();

  const per = new Map<string, Figures>(articles.map((a) => [a.id, zero()]));
  const at = (id: string) => per.get(id);
  for (const r of views) {
    const f = at(r.article_id);
    if (!f) continue;
    const n = Number(r.n);
    f.views += n;
    if (r.source === 'widget') f.viewsWidget += n;
    if (r.source === 'help') f.viewsHelp += n;
  }
  for (const r of inserted) {
    const f = at(r.article_id);
    if (f) f.inserted += Number(r.n);
  }
  for (const r of votes) {
    const f = at(r.article_id);
    if (!f) continue;
    if (Number(r.helpful) === 1) f.helpful += Number(r.n);
    else f.unhelpful += Number(r.n);
  }
  for (const r of avoided) {
    const f = at(r.article_id);
    if (f) f.chatsAvoided += Number(r.n);
  }
  const totals = zero();
  for (const f of per.values()) for (const k of Object.keys(totals) as (keyof Figures)[]) totals[k] += f[k];
  const items = articles.map((a) => ({ articleId: a.id, title: a.title, state: a.state, ...per.get(a.id)! }));
  return { from, to, items, totals };
}
