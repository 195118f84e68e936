/**
 * The facts rules read about a conversation, in one place. The mood columns
 * (owned by mood scoring, migration 0022) and the SLA columns (0021) are read
 * defensively: a database without them reads as "no mood" / "no SLA".
 */
import type { Context } from '../context.js';
import { parseStored } from '../contact/contact-attribute.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import { teamIsOpen } from '../hours/schedule.js';
import { priorityOf } from '../routing/priority.js';
import { latestPageView, latestVisit } from '../visitor/visit.repository.js';
import type { Facts, Needs } from './compile.js';

/** Columns other features add to conversations, read if present. */
export function moodOf(row: ConversationRow): string | null {
  const v = (row as unknown as Record<string, unknown>).mood;
  return typeof v === 'string' ? v : null;
}

export async function loadFacts(ctx: Context, row: ConversationRow, needs: Needs): Promise<Facts> {
  const [attributes, pageUrl, teamOpen] = await Promise.all([
    needs.attributes && row.contact_id ? contactAttributes(ctx, row.contact_id) : {},
    needs.page ? currentPage(ctx, row.visitor_id) : null,
    needs.hours ? teamIsOpen(ctx.db, row.workspace_id, row.team_id, ctx.now()) : null,
  ]);
  return {
    inboxId: row.inbox_id,
    teamId: row.team_id,
    priority: priorityOf(row.priority),
    attributes,
    labels: new Set(JSON.parse(row.labels) as string[]),
    pageUrl,
    mood: moodOf(row),
    teamOpen,
  };
}

async function contactAttributes(ctx: Context, contactId: string): Promise<Record<string, unknown>> {
  const c = await ctx.db.selectFrom('contacts').select('attributes').where('id', '=', contactId).executeTakeFirst();
  return c ? parseStored(c.attributes) : {};
}

/** The page the visitor is on (kept on the visitor as they move), else the last page of their latest visit. */
async function currentPage(ctx: Context, visitorId: string): Promise<string | null> {
  const v = await ctx.db.selectFrom('visitors').select('page_url').where('id', '=', visitorId).executeTakeFirst();
  if (v?.page_url) return v.page_url;
  const visit = await latestVisit(ctx.db, visitorId);
  if (!visit) return null;
  return (await latestPageView(ctx.db, visit.id))?.url ?? null;
}
