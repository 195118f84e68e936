import type { Context } from '../context.js';
import { forbidden, unauthorized } from '../errors.js';
import { hashToken, newId, newToken } from '../ids.js';
import { inboxByWebsiteKey, originAllowed } from '../inbox/inbox.service.js';
import type { Inbox } from '../inbox/inbox.js';
import type { Visitor } from './visitor.js';
import { findVisitorByToken, insertVisitor, type VisitorRow, updateVisitor } from './visitor.repository.js';

export const toVisitor = (row: VisitorRow): Visitor => ({
  id: row.id,
  workspaceId: row.workspace_id,
  inboxId: row.inbox_id,
  contactId: row.contact_id,
  verifiedContactId: row.verified_contact_id,
});

export interface WidgetSession {
  visitor: Visitor;
  /** Returned only when a new visitor was created; the widget stores it. */
  visitorToken: string;
  inbox: Inbox;
  created: boolean;
}

/** Resumes the visitor behind a stored token, or starts a new anonymous one. */
export async function startWidgetSession(
  ctx: Context,
  input: { websiteKey: string; visitorToken?: string | undefined; pageOrigin?: string | undefined; userAgent?: string | undefined },
): Promise<WidgetSession> {
  const inbox = await inboxByWebsiteKey(ctx, input.websiteKey);
  if (!originAllowed(inbox, input.pageOrigin)) throw forbidden('This website is not allowed to use this chat');
  const now = ctx.now();
  if (input.visitorToken) {
    const row = await findVisitorByToken(ctx.db, hashToken(input.visitorToken));
    if (row && row.inbox_id === inbox.id) {
      await updateVisitor(ctx.db, row.id, { last_seen_at: now, ...(input.userAgent ? { user_agent: input.userAgent } : {}) });
      return { visitor: toVisitor(row), visitorToken: input.visitorToken, inbox, created: false };
    }
  }
  const token = newToken();
  const row: VisitorRow = {
    id: newId(),
    workspace_id: inbox.workspaceId,
    inbox_id: inbox.id,
    token_hash: hashToken(token),
    contact_id: null,
    verified_contact_id: null,
    page_url: null,
    page_title: null,
    referrer: null,
    user_agent: input.userAgent?.slice(0, 512) ?? null,
    time_zone: null,
    locale: null,
    visit_count: 0,
    created_at: now,
    last_seen_at: now,
  };
  await insertVisitor(ctx.db, row);
  return { visitor: toVisitor(row), visitorToken: token, inbox, created: true };
}

/** The visitor behind a token, checked against the website it claims to chat on. */
export async function authenticateVisitor(ctx: Context, websiteKey: string | undefined, token: string | undefined): Promise<Visitor> {
  if (!token) throw unauthorized('Missing visitor token');
  const row = await findVisitorByToken(ctx.db, hashToken(token));
  if (!row) throw unauthorized('Unknown visitor');
  if (websiteKey) {
    const inbox = await inboxByWebsiteKey(ctx, websiteKey).catch(() => null);
    if (!inbox || inbox.id !== row.inbox_id) throw unauthorized('Unknown visitor');
  }
  return toVisitor(row);
}
