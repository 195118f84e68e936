/** Search for an operator: their workspace, what they may see, the filters asked. */
import type { Context } from '../context.js';
import type { Operator } from '../operator/operator.js';
import { authorize, can } from '../policy/policy.js';
import { viewerOf } from '../policy/visibility.js';
import { type SearchIndex, type SearchRequest, searchIndexFor } from './search-index.js';
import type { SearchQuery, SearchResult } from './search.schemas.js';

const indexes = { sqlite: searchIndexFor('sqlite'), postgres: searchIndexFor('postgres') };
export const searchIndexOf = (ctx: Pick<Context, 'dbKind'>): SearchIndex => indexes[ctx.dbKind];

export async function search(ctx: Context, actor: Operator, q: SearchQuery): Promise<SearchResult> {
  authorize(actor, 'contact.view');
  const index = searchIndexOf(ctx);
  const req: SearchRequest = {
    viewer: await viewerOf(ctx, actor),
    q: q.q,
    filters: { status: q.status, inboxId: q.inboxId, teamId: q.teamId, labelId: q.labelId, operatorId: q.operatorId, from: q.from, to: q.to },
    offset: q.cursor ? Number(q.cursor) : 0,
    limit: q.limit,
  };
  if (q.kind === 'articles') authorize(actor, 'article.view');
  // Conversation filters narrow messages; a contact has none of them (the label filter is the contact's labels), an article neither (nor labels).
  const conversational = q.status || q.inboxId || q.teamId || q.operatorId;
  const all = !q.kind;
  const [messages, contacts, articles] = await Promise.all([
    q.kind === 'messages' || all ? index.messages(ctx.db, req) : null,
    q.kind === 'contacts' || (all && !conversational) ? index.contacts(ctx.db, req) : null,
    q.kind === 'articles' || (all && !conversational && !q.labelId && can(actor.role, 'article.view')) ? index.articles(ctx.db, req) : null,
  ]);
  return { messages, contacts, articles };
}
