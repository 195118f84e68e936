import type { ConversationSummary, MessageDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { findActiveConversation, findConversation } from '../conversation/conversation.repository.js';
import { startConversation } from '../conversation/start-conversation.js';
import { visitorConversations } from '../conversation/conversation.service.js';
import { inboxByWebsiteKey, originAllowed, presentPublicInbox } from '../inbox/inbox.service.js';
import type { Inbox } from '../inbox/inbox.js';
import { readHistory } from '../message/message.service.js';
import type { Visitor } from '../visitor/visitor.js';
import { startWidgetSession } from '../visitor/visitor.service.js';
import { textOn } from './contrast.js';

/** How the launcher looks: the inbox's colour, the text colour that reads on it, and its side of the page. */
export interface WidgetLook {
  color: string;
  textColor: string;
  position: 'left' | 'right';
  /** Track visitors' pages: the loader connects the chat frame in the background once the page has loaded. */
  track?: boolean;
}

/** The inbox as its visitors see it: the look, the team name and the greeting. */
export interface VisitorInbox extends WidgetLook {
  greeting: string;
  teamName: string;
  /** Operators see what the visitor types before it is sent: the widget says so. */
  sneakPeek: boolean;
}

export const presentVisitorInbox = (inbox: Inbox): VisitorInbox => {
  const p = presentPublicInbox(inbox);
  return { ...p, textColor: textOn(p.color) };
};

/** The look of an inbox for the page at `pageOrigin`; refused (403) to pages outside its allowed origins. */
export async function widgetLook(ctx: Context, websiteKey: string, pageOrigin: string): Promise<WidgetLook> {
  const inbox = await inboxByWebsiteKey(ctx, websiteKey);
  if (!originAllowed(inbox, pageOrigin)) throw forbidden('This website is not allowed to use this chat');
  const { color, textColor, position } = presentVisitorInbox(inbox);
  return { color, textColor, position, track: inbox.settings.trackPages };
}

export interface WidgetBootstrap {
  visitorId: string;
  visitorToken: string;
  inbox: VisitorInbox;
  conversations: ConversationSummary[];
}

export async function bootstrapWidget(
  ctx: Context,
  input: { websiteKey: string; visitorToken?: string | undefined; pageOrigin?: string | undefined; userAgent?: string | undefined },
): Promise<WidgetBootstrap> {
  const s = await startWidgetSession(ctx, input);
  return {
    visitorId: s.visitor.id,
    visitorToken: s.visitorToken,
    inbox: presentVisitorInbox(s.inbox),
    conversations: s.created ? [] : await visitorConversations(ctx, s.visitor),
  };
}

/** The visitor's conversation to upload into: the one named (if theirs), the active one, or a new one. */
export async function ensureVisitorConversation(ctx: Context, visitor: Visitor, conversationId?: string): Promise<string> {
  if (conversationId) {
    const row = await findConversation(ctx.db, visitor.workspaceId, conversationId);
    if (!row || row.visitor_id !== visitor.id) throw notFound('Conversation');
    return row.id;
  }
  const active = await findActiveConversation(ctx.db, visitor.id);
  if (active) return active.id;
  const row = await startConversation(ctx.db, { workspaceId: visitor.workspaceId, inboxId: visitor.inboxId, visitorId: visitor.id, now: ctx.now() });
  return row.id;
}

export async function visitorHistory(
  ctx: Context,
  visitor: Visitor,
  conversationId: string,
  q: { after?: number | undefined; before?: number | undefined; limit?: number | undefined },
): Promise<{ messages: MessageDto[]; hasEarlier: boolean }> {
  const row = await findConversation(ctx.db, visitor.workspaceId, conversationId);
  if (!row || row.visitor_id !== visitor.id) throw notFound('Conversation');
  return readHistory(ctx, conversationId, q);
}
