/** Storage of article views, insertions and votes (migration 0034). */
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ArticleEventTable } from './article-feedback.table.js';

export async function insertArticleEvent(db: Db, row: Insertable<ArticleEventTable>): Promise<void> {
  await db.insertInto('article_events').values(row).execute();
}

/** A visitor's answer to "Did this help?": the last one counts. */
export async function upsertVote(db: Db, v: { workspaceId: string; articleId: string; visitorId: string; helpful: boolean; now: number }): Promise<void> {
  await db
    .insertInto('article_votes')
    .values({ workspace_id: v.workspaceId, article_id: v.articleId, visitor_id: v.visitorId, helpful: v.helpful ? 1 : 0, created_at: v.now, updated_at: v.now })
    .onConflict((oc) => oc.columns(['article_id', 'visitor_id']).doUpdateSet({ helpful: v.helpful ? 1 : 0, updated_at: v.now }))
    .execute();
}
