import { cleanName, safeHref } from '@switchboard/text';
import type { Context } from '../context.js';
import { forbidden, unauthorized } from '../errors.js';
import { hashToken, newId, newToken } from '../ids.js';
import { inboxByWebsiteKey, originAllowed } from '../inbox/inbox.service.js';
import type { Inbox } from '../inbox/inbox.js';
import { contactForVisitor } from '../contact/contact.service.js';
import { touchContactSeen } from '../contact/contact.repository.js';
import { listVisitorConversationIds } from '../conversation/conversation.repository.js';
import { visitorConversations } from '../conversation/conversation.service.js';
import type { Visitor } from './visitor.js';
import { findVisitor, findVisitorByToken, insertVisitor, presentVisitor, type VisitorRow, updateVisitor } from './visitor.repository.js';

const toVisitor = (row: VisitorRow): Visitor => ({
  id: row.id,
  workspaceId: row.workspace_id,
  inboxId: row.inbox_id,
  contactId: row.contact_id,
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
    page_url: null,
    page_title: null,
    referrer: null,
    user_agent: input.userAgent?.slice(0, 512) ?? null,
    time_zone: null,
    locale: null,
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

export async function recordPage(
  ctx: Context,
  visitor: Visitor,
  page: { url: string; title?: string | undefined; referrer?: string | undefined; timeZone?: string | undefined; locale?: string | undefined },
  userAgent?: string,
): Promise<void> {
  // Pages are shown to operators as links: only http(s) addresses are kept.
  const patch = {
    page_url: safeHref(page.url),
    page_title: page.title ? cleanName(page.title).slice(0, 512) || null : null,
    ...(page.referrer !== undefined ? { referrer: page.referrer ? safeHref(page.referrer) : null } : {}),
    ...(page.timeZone ? { time_zone: page.timeZone } : {}),
    ...(page.locale ? { locale: page.locale } : {}),
    ...(userAgent ? { user_agent: userAgent.slice(0, 512) } : {}),
    last_seen_at: ctx.now(),
  };
  await updateVisitor(ctx.db, visitor.id, patch);
  const row = await ctx.db.selectFrom('visitors').selectAll().where('id', '=', visitor.id).executeTakeFirstOrThrow();
  if (row.contact_id) await touchContactSeen(ctx.db, row.contact_id, patch.last_seen_at);
  const conversationIds = await listVisitorConversationIds(ctx.db, visitor.id, 20);
  ctx.events.emit({ type: 'visitor.updated', workspaceId: visitor.workspaceId, visitor: presentVisitor(row), conversationIds });
}

/** The visitor says who they are (name, email): they become, or join, a contact. */
export async function identifyVisitor(ctx: Context, visitor: Visitor, input: { name?: string | undefined; email?: string | undefined }): Promise<string> {
  // The visitor's current contact, read fresh: another tab may have identified them already.
  const row = await findVisitor(ctx.db, visitor.workspaceId, visitor.id);
  const contactId = await contactForVisitor(ctx, { workspaceId: visitor.workspaceId, contactId: row?.contact_id ?? null }, input);
  await updateVisitor(ctx.db, visitor.id, { contact_id: contactId });
  await ctx.db.updateTable('conversations').set({ contact_id: contactId }).where('visitor_id', '=', visitor.id).execute();
  // Consoles show the new name at once.
  for (const c of await visitorConversations(ctx, visitor)) {
    ctx.events.emit({ type: 'conversation.updated', workspaceId: visitor.workspaceId, visitorId: visitor.id, conversation: c });
  }
  return contactId;
}
