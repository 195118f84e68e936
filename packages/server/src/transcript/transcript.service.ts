/**
 * Transcripts: a conversation's messages and system lines as a file, for the
 * visitor (their language and time zone, "You") and for the team (English,
 * the visitor named). Only the messages table is read: private notes,
 * viewers and drafts live elsewhere (or nowhere) and never get in. Files are
 * links signed to work for 30 days without signing in.
 */
import type { MessageDto } from '@switchboard/protocol';
import { chooseLanguage, formatLocale, type Language } from '@switchboard/widget/i18n';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { findContact } from '../contact/contact.repository.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import { getConversationRow, visibleConversationRow } from '../conversation/conversation.service.js';
import { findInbox, toInbox } from '../inbox/inbox.repository.js';
import { presentPublicInbox } from '../inbox/inbox.service.js';
import { listMessagesAfter, presentMessage } from '../message/message.repository.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { findVisitor } from '../visitor/visitor.repository.js';
import type { Visitor } from '../visitor/visitor.js';
import { SIGNED_LINK_TTL_MS, signedAttachmentPath } from '../attachment/signed-link.js';
import { listSummaries } from '../summary/summary.repository.js';
import { composeTranscript } from './compose.js';
import { transcriptHtml, transcriptText } from './render.js';
import type { Perspective, TranscriptFormat } from './transcript.js';

/** A transcript holds at most this many messages (the newest are kept when there are more). */
const MAX_MESSAGES = 20_000;
const PAGE = 500;

export interface TranscriptFile {
  filename: string;
  contentType: string;
  body: string;
}

async function allMessages(ctx: Context, conversationId: string): Promise<MessageDto[]> {
  const out: MessageDto[] = [];
  for (let after = 0; ; ) {
    const rows = await listMessagesAfter(ctx.db, conversationId, after, PAGE);
    out.push(...rows.map(presentMessage));
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    after = last.seq;
  }
  return out.slice(-MAX_MESSAGES);
}

async function build(
  ctx: Context,
  row: ConversationRow,
  p: { perspective: Perspective; lang: Language; locale: string; timeZone: string | undefined; format: TranscriptFormat; baseUrl: string },
): Promise<TranscriptFile> {
  const inboxRow = await findInbox(ctx.db, row.workspace_id, row.inbox_id);
  if (!inboxRow) throw notFound('Conversation');
  const teamName = presentPublicInbox(toInbox(inboxRow), p.perspective === 'visitor' ? p.lang : undefined).teamName;
  const contact = row.contact_id ? await findContact(ctx.db, row.workspace_id, row.contact_id) : undefined;
  const messages = await allMessages(ctx, row.id);
  const now = ctx.now();
  const linksUntil = now + SIGNED_LINK_TTL_MS;
  const links = new Map<string, string>();
  for (const a of messages.flatMap((m) => m.attachments)) links.set(a.id, `${p.baseUrl}${await signedAttachmentPath(ctx, a.id, linksUntil)}`);
  // The team's copy carries the latest summary; the visitor's never does.
  const summary = p.perspective === 'operator' ? (await listSummaries(ctx.db, row.workspace_id, row.id, 1))[0] : undefined;
  const transcript = composeTranscript(
    { messages, teamName, visitorName: contact?.name ?? contact?.email ?? null, createdAt: row.created_at, links, linksUntil, now, summary },
    p,
  );
  const day = new Date(row.created_at).toISOString().slice(0, 10);
  return p.format === 'html'
    ? { filename: `transcript-${day}.html`, contentType: 'text/html; charset=utf-8', body: transcriptHtml(transcript) }
    : { filename: `transcript-${day}.txt`, contentType: 'text/plain; charset=utf-8', body: transcriptText(transcript) };
}

export async function visitorTranscript(
  ctx: Context,
  visitor: Visitor,
  conversationId: string,
  q: { format: TranscriptFormat; language?: Language | undefined; timeZone?: string | undefined },
  baseUrl: string,
): Promise<TranscriptFile> {
  const row = await getConversationRow(ctx, visitor.workspaceId, conversationId).catch(() => undefined);
  if (!row || row.visitor_id !== visitor.id) throw notFound('Conversation');
  const v = await findVisitor(ctx.db, visitor.workspaceId, visitor.id);
  const inboxRow = await findInbox(ctx.db, visitor.workspaceId, row.inbox_id);
  const preferred = v?.locale ? [v.locale] : [];
  const lang = q.language ?? chooseLanguage(inboxRow ? toInbox(inboxRow).settings.language : 'auto', preferred);
  return build(ctx, row, {
    perspective: 'visitor',
    lang,
    locale: formatLocale(lang, preferred),
    timeZone: q.timeZone ?? v?.time_zone ?? undefined,
    format: q.format,
    baseUrl,
  });
}

export async function operatorTranscript(
  ctx: Context,
  actor: Operator,
  conversationId: string,
  q: { format: TranscriptFormat; timeZone?: string | undefined },
  baseUrl: string,
): Promise<TranscriptFile> {
  authorize(actor, 'conversation.view');
  const row = await visibleConversationRow(ctx, actor, conversationId);
  return build(ctx, row, { perspective: 'operator', lang: 'en', locale: 'en-GB', timeZone: q.timeZone, format: q.format, baseUrl });
}
