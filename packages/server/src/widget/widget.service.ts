import type { ConversationSummary, MessageDto } from '@switchboard/protocol';
import { acceptedLanguages, chooseLanguage, type Language, translator } from '@switchboard/widget/i18n';
import type { Context } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { visitorMayAccess } from '../identity/access.js';
import { assertMayWrite } from '../identity/requirement.js';
import { findActiveConversation, findConversation } from '../conversation/conversation.repository.js';
import { startConversation } from '../conversation/start-conversation.js';
import { visitorConversationPage } from '../conversation/conversation.service.js';
import { inboxByWebsiteKey, originAllowed, presentPublicInbox } from '../inbox/inbox.service.js';
import type { Inbox } from '../inbox/inbox.js';
import { readHistory } from '../message/message.service.js';
import { findContact } from '../contact/contact.repository.js';
import type { Visitor } from '../visitor/visitor.js';
import { startWidgetSession } from '../visitor/visitor.service.js';
import { textOn } from './contrast.js';
import type { InboxStatsCache } from './inbox-stats.js';
import type { TeamLook, TeamMember } from './team-look.js';
import type { FormsLook } from '@switchboard/widget/forms';
import { formDataOf, offlineFormOf, preChatFormOf } from '../forms/form-look.js';
import type { Availability } from '../realtime/availability.js';
import { inboxHasTriggers } from '../trigger/trigger.repository.js';

/** How the launcher looks: the inbox's colour, the text colour that reads on it, its side of the page, and its accessible names. */
export interface WidgetLook {
  color: string;
  textColor: string;
  position: 'left' | 'right';
  /** In the visitor's language: the launcher's names, closed ("Open chat") and open ("Minimise chat"), and the chat frame's title ("Chat"). */
  labels: [string, string, string];
  /** Track visitors' pages: the loader connects the chat frame in the background once the page has loaded. */
  track?: boolean;
  /** The inbox has enabled proactive triggers: the loader loads the trigger script (trigger/). */
  tr?: 1;
}

/** How soon the team usually answers: a value chosen in the inbox, or measured (`ms`). */
export type ReplyTime = { kind: 'minutes' | 'hour' | 'day'; ms: null } | { kind: 'measured'; ms: number };

/** The inbox as its visitors see it: the look, the team and the words in their language. */
export interface VisitorInbox extends Omit<WidgetLook, 'labels'> {
  greeting: string;
  teamName: string;
  /** Operators see what the visitor types before it is sent: the widget says so. */
  sneakPeek: boolean;
  /** Only visitors the website vouches for may write. */
  identityRequired: boolean;
  /** The inbox's language setting (`auto`: the visitor's browser language). */
  language: string;
  sound: boolean;
  askRating: boolean;
  replyTime: ReplyTime | null;
  showAvatars: boolean;
  team: TeamMember[];
  /** Pictures of the workspace's operators by id (those without one get initials). */
  avatars: Record<string, string>;
  /** Whether an operator is available now, and the offline and pre-chat forms in the visitor's language. */
  forms: FormsLook;
}

/** The team look and the reply time need the app's caches (built once per app by the widget routes). */
export interface WidgetDeps {
  stats: InboxStatsCache;
  team: TeamLook;
  availability: Pick<Availability, 'frame'>;
}

async function replyTimeOf(deps: WidgetDeps, inbox: Inbox): Promise<ReplyTime | null> {
  const setting = inbox.settings.replyTime;
  if (setting === 'off') return null;
  if (setting !== 'auto') return { kind: setting, ms: null };
  const ms = (await deps.stats.get(inbox.id)).medianReplyMs;
  return ms === null ? null : { kind: 'measured', ms: Math.round(ms) };
}

export async function presentVisitorInbox(ctx: Pick<Context, 'db'>, deps: WidgetDeps, inbox: Inbox, lang?: Language): Promise<VisitorInbox> {
  const p = presentPublicInbox(inbox, lang);
  const [replyTime, team, data] = await Promise.all([replyTimeOf(deps, inbox), deps.team.of(inbox), formDataOf(ctx, inbox)]);
  const { type: _, ...availability } = await deps.availability.frame(inbox);
  const forms: FormsLook = {
    ...availability,
    offline: offlineFormOf(inbox, lang),
    preChat: preChatFormOf(inbox, lang, data),
  };
  return { ...p, textColor: textOn(p.color), replyTime, showAvatars: inbox.settings.showAvatars, ...team, forms };
}

/**
 * The look of an inbox for the page at `pageOrigin`, with the launcher's names
 * in the language the visitor's browser asks for (Accept-Language) or the
 * inbox's fixed one; refused (403) to pages outside its allowed origins.
 */
export async function widgetLook(ctx: Context, websiteKey: string, pageOrigin: string, acceptLanguage?: string): Promise<WidgetLook> {
  const inbox = await inboxByWebsiteKey(ctx, websiteKey);
  if (!originAllowed(inbox, pageOrigin)) throw forbidden('This website is not allowed to use this chat');
  const { color, position } = inbox.settings;
  const t = translator(chooseLanguage(inbox.settings.language, acceptedLanguages(acceptLanguage)));
  const look: WidgetLook = {
    color,
    textColor: textOn(color),
    position,
    labels: [t('openChat'), t('minimiseChat'), t('chatTitle')],
    track: inbox.settings.trackPages,
  };
  if (await inboxHasTriggers(ctx.db, inbox.id)) look.tr = 1;
  return look;
}

export interface WidgetBootstrap {
  visitorId: string;
  visitorToken: string;
  inbox: VisitorInbox;
  /** The website vouched for this visitor (identity hash). */
  verified: boolean;
  /** The email of the contact the website vouched for (verified visitors only): the forms need not ask for it. */
  email: string | null;
  conversations: ConversationSummary[];
  /** More of the visitor's conversations are older than these (GET /widget/conversations?cursor=). */
  nextCursor: string | null;
}

export async function bootstrapWidget(
  ctx: Context,
  deps: WidgetDeps,
  input: {
    websiteKey: string;
    visitorToken?: string | undefined;
    pageOrigin?: string | undefined;
    userAgent?: string | undefined;
    language?: Language | undefined;
  },
): Promise<WidgetBootstrap> {
  const s = await startWidgetSession(ctx, input);
  const verifiedId = s.visitor.verifiedContactId;
  const [inbox, page, contact] = await Promise.all([
    presentVisitorInbox(ctx, deps, s.inbox, input.language),
    s.created ? { items: [], nextCursor: null } : visitorConversationPage(ctx, s.visitor, { limit: 20 }),
    verifiedId ? findContact(ctx.db, s.visitor.workspaceId, verifiedId) : undefined,
  ]);
  return {
    visitorId: s.visitor.id,
    visitorToken: s.visitorToken,
    inbox,
    verified: verifiedId !== null,
    email: contact?.email ?? null,
    conversations: page.items,
    nextCursor: page.nextCursor,
  };
}

/** The visitor's conversation to upload into: the one named (if theirs), the active one, or a new one (always, with `fresh`). */
export async function ensureVisitorConversation(ctx: Context, visitor: Visitor, conversationId?: string, fresh = false): Promise<string> {
  await assertMayWrite(ctx, visitor);
  if (conversationId) {
    const row = await findConversation(ctx.db, visitor.workspaceId, conversationId);
    if (!visitorMayAccess(visitor, row)) throw notFound('Conversation');
    return row.id;
  }
  const active = fresh ? undefined : await findActiveConversation(ctx.db, visitor.id);
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
  if (!visitorMayAccess(visitor, row)) throw notFound('Conversation');
  return readHistory(ctx, conversationId, q);
}
