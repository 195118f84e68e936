/**
 * Conversations as CSV, one row per conversation, filtered like the inbox
 * (view, status, label), grouped by status and newest activity first, read
 * in keyset pages of 500 along the view's own index and written out page by page, so a 100,000-conversation export
 * holds one page in memory. The operators who wrote in each conversation
 * come from one grouped query per page over its messages (the messages are
 * read once; a page of 500 conversations costs a few milliseconds more).
 * Merged-away conversations (empty, pointing at their survivor) are left out.
 * The last column is the conversation's latest summary (G4), one query per page.
 */
import type { Context } from '../context.js';
import { type ConversationRow, findConversations } from '../conversation/conversation.repository.js';
import type { View } from '../conversation/conversation.js';
import { findContacts } from '../contact/contact.repository.js';
import { listLabels } from '../label/label.repository.js';
import { listMentionedConversations } from '../mention/mention.repository.js';
import type { Operator } from '../operator/operator.js';
import { conversationScope, mayViewConversation, viewerOf } from '../policy/visibility.js';
import { authorize } from '../policy/policy.js';
import { latestSummaries } from '../summary/summary.repository.js';
import { summaryLine } from '../summary/summary-text.js';
import { type Cell, isoTime } from './csv.js';

export const CONVERSATION_COLUMNS = [
  'conversation_id',
  'contact_id',
  'contact_name',
  'contact_email',
  'inbox',
  'status',
  'assignee',
  'operators',
  'created_at',
  'first_response_seconds',
  'resolution_seconds',
  'rating',
  'labels',
  'summary',
];

const PAGE = 500;
/** What a row needs, and no more: a page is read, written and dropped (the preview and the rest stay in the database). */
const COLUMNS = [
  'id',
  'workspace_id',
  'contact_id',
  'inbox_id',
  'status',
  'assignee_id',
  'labels',
  'merged_into',
  'first_response_at',
  'rating',
  'created_at',
  'updated_at',
  'resolved_at',
] as const;
type Row = Pick<ConversationRow, (typeof COLUMNS)[number]>;
const ALL_STATUSES = ['open', 'pending', 'snoozed', 'resolved'];

export interface ConversationExportFilter {
  view: View;
  status?: string | undefined;
  label?: string | undefined;
}

const seconds = (from: number, to: number | null): number | null => (to === null ? null : Math.max(0, Math.round((to - from) / 1000)));

/** The rows, a page at a time. The caller's right is checked before the first page is read. */
export async function exportConversations(ctx: Context, actor: Operator, f: ConversationExportFilter): Promise<AsyncGenerator<Cell[][]>> {
  authorize(actor, 'conversation.export');
  const ws = actor.workspaceId;
  // Scoped like the inbox: a supervisor exports what they see (their teams', theirs, those of no team).
  const viewer = await viewerOf(ctx, actor);
  const scope = conversationScope(viewer);
  const [inboxes, operators, labels] = await Promise.all([
    ctx.db.selectFrom('inboxes').select(['id', 'name']).where('workspace_id', '=', ws).execute(),
    ctx.db.selectFrom('operators').select(['id', 'name']).where('workspace_id', '=', ws).execute(),
    listLabels(ctx.db, ws),
  ]);
  const inboxName = new Map(inboxes.map((i) => [i.id, i.name]));
  const operatorName = new Map(operators.map((o) => [o.id, o.name]));
  const labelName = new Map(labels.map((l) => [l.id, l.name]));

  async function* pages(): AsyncGenerator<Row[]> {
    if (f.view === 'mentions') {
      let before: { mentionedAt: number; conversationId: string } | undefined;
      for (;;) {
        const page = await listMentionedConversations(ctx.db, { workspaceId: ws, operatorId: actor.id, before, limit: PAGE });
        if (page.length === 0) return;
        const rows = new Map(
          (
            await findConversations(
              ctx.db,
              ws,
              page.map((m) => m.conversationId),
            )
          )
            .filter((r) => mayViewConversation(viewer, r))
            .map((r) => [r.id, r]),
        );
        yield page.flatMap((m) => rows.get(m.conversationId) ?? []);
        const last = page.at(-1)!;
        before = { mentionedAt: last.mentionedAt, conversationId: last.conversationId };
      }
    }
    // One status after the other, each along the view's index for that status (newest activity first), as
    // the inbox's own queries walk it (without a status they would sort the whole workspace for every page).
    const statuses = f.view === 'snoozed' || f.view === 'resolved' ? [f.view] : f.status ? [f.status] : ALL_STATUSES;
    for (const status of statuses) {
      let before: { updatedAt: number; id: string } | undefined;
      for (;;) {
        let q = ctx.db.selectFrom('conversations').select(COLUMNS).where('workspace_id', '=', ws).where('status', '=', status);
        if (scope) q = q.where(scope);
        if (f.view === 'mine') q = q.where('assignee_id', '=', actor.id);
        if (f.view === 'unassigned') q = q.where('assignee_id', 'is', null);
        const label = f.label;
        if (label) q = q.where('id', 'in', (eb) => eb.selectFrom('conversation_labels').select('conversation_id').where('label_id', '=', label));
        const b = before;
        if (b) q = q.where((eb) => eb(eb.refTuple('updated_at', 'id'), '<', eb.tuple(b.updatedAt, b.id)));
        const rows = await q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(PAGE).execute();
        if (rows.length === 0) break;
        yield rows;
        const last = rows.at(-1)!;
        before = { updatedAt: last.updated_at, id: last.id };
      }
    }
  }

  async function* csvPages(): AsyncGenerator<Cell[][]> {
    for await (const all of pages()) {
      const rows = all.filter((r) => r.merged_into === null);
      if (rows.length === 0) continue;
      const ids = rows.map((r) => r.id);
      const [contacts, writers, summaries] = await Promise.all([
        findContacts(ctx.db, ws, [...new Set(rows.flatMap((r) => (r.contact_id ? [r.contact_id] : [])))]),
        ctx.db
          .selectFrom('messages')
          .select(['conversation_id', 'author_id'])
          .where('conversation_id', 'in', ids)
          .where('author_kind', '=', 'operator')
          .groupBy(['conversation_id', 'author_id'])
          .execute(),
        latestSummaries(ctx.db, ws, ids),
      ]);
      const contactOf = new Map(contacts.map((c) => [c.id, c]));
      const wrote = new Map<string, string[]>();
      for (const w of writers) {
        const name = w.author_id ? operatorName.get(w.author_id) : undefined;
        if (name) wrote.set(w.conversation_id, [...(wrote.get(w.conversation_id) ?? []), name]);
      }
      yield rows.map((r) => {
        const contact = r.contact_id ? contactOf.get(r.contact_id) : undefined;
        return [
          r.id,
          r.contact_id,
          contact?.name,
          contact?.email,
          inboxName.get(r.inbox_id),
          r.status,
          r.assignee_id ? operatorName.get(r.assignee_id) : null,
          (wrote.get(r.id) ?? []).sort().join('; '),
          isoTime(r.created_at),
          seconds(r.created_at, r.first_response_at),
          r.status === 'resolved' ? seconds(r.created_at, r.resolved_at) : null,
          r.rating,
          (JSON.parse(r.labels) as string[]).flatMap((id) => labelName.get(id) ?? []).join('; '),
          summaries.has(r.id) ? summaryLine(summaries.get(r.id)!) : null,
        ];
      });
    }
  }
  return csvPages();
}
