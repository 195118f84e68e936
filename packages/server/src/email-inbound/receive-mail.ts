/**
 * The receiveMail command, for the SMTP listener and the relay endpoint
 * alike: a raw mail becomes a visitor message. Its conversation is the one
 * its reply address names, else the one its In-Reply-To or References point
 * at (in the same workspace), else a new conversation in the email inbox it
 * was sent to, from the contact with the sender's address (made when there is
 * none). The text is the reply without quoted history and signature; files
 * pass the same checks as uploads. Everything is stored through the normal
 * message path in one transaction and announced after it commits, so
 * consoles see it live and routing, SLAs and rules run as for the website. A
 * mail whose Message-ID was received before is ignored. A delivery status
 * notification (a bounce), or any mail to a bounce address, goes to
 * receiveBounce instead and never becomes a message.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { storeUpload } from '../attachment/attachment.service.js';
import { contactChanged } from '../contact/contact-events.js';
import { type ConversationRow, findConversation } from '../conversation/conversation.repository.js';
import type { Context } from '../context.js';
import { bounceTokenOf, findByHeaderIds, headerIds } from '../email/email-thread.js';
import { receiveBounce } from '../email-bounces/bounce.js';
import { readDeliveryReport } from '../email-bounces/dsn.js';
import { AppError, badRequest } from '../errors.js';
import { newId } from '../ids.js';
import { announceStored } from '../message/message.events.js';
import { storeMessage } from '../message/send-message.js';
import { findVisitor } from '../visitor/visitor.repository.js';
import { toVisitor } from '../visitor/visitor.service.js';
import { headerAddresses, isAutomatic, isFromMailSystem, parseMail } from './parse-mail.js';
import { findRecipient, firstRecipient, type Recipient } from './recipients.js';
import { startEmailConversation } from './start-email-conversation.js';
import { trimReply } from './trim-reply.js';

/** Longer messages are cut: the whole mail stays with the sender. */
const MAX_BODY = 10_000;
const MAX_FILES = 10;

export interface InboundMail {
  raw: Buffer;
  /** The envelope's recipients (SMTP RCPT TO); the relay gives none and the headers say. */
  recipients: string[];
  /** The relay's workspace: only its addresses and conversations. */
  workspaceId?: string;
  /** The envelope's sender (SMTP MAIL FROM), '' for the null sender; the relay gives none (Return-Path says). */
  sender?: string | null;
}

/**
 * `ignored`: an automatic reply (out of office, a list's bulk mail), taken and dropped; `bounce`: a delivery report
 * (the mail it reports on is marked failed when delivery failed), never a message.
 */
export type Received = { status: 'stored' | 'duplicate' | 'ignored' | 'bounce'; conversationId: string | null; messageId: string | null };

/** A mail refused for what it is (no sender, no known recipient, unreadable): the SMTP answer or the relay's 4xx. */
export const refused = (message: string) => new AppError('bad_request', message);

/** Where the mail goes: a conversation (by reply address or headers) or a new one in an inbox. */
async function targetOf(
  ctx: Context,
  mail: ParsedMail,
  to: Recipient | null,
  workspaceId: string | undefined,
): Promise<{ conversationId: string; workspaceId: string } | { inboxId: string; workspaceId: string }> {
  if (to?.kind === 'thread') return to;
  const ws = to?.workspaceId ?? workspaceId;
  const ids = [...headerIds(mail.references as string | string[] | undefined), ...headerIds(mail.inReplyTo)];
  const byHeaders = await findByHeaderIds(ctx.db, ids);
  if (byHeaders && (!ws || byHeaders.workspaceId === ws)) return byHeaders;
  if (to?.kind === 'inbox') return to;
  throw refused('No email inbox or conversation of Switchboard has this address');
}

/** The conversation a merged one went into (files and messages go there). */
async function survivor(ctx: Context, workspaceId: string, id: string) {
  let row = await findConversation(ctx.db, workspaceId, id);
  for (let hop = 0; row?.merged_into && hop < 5; hop++) row = await findConversation(ctx.db, workspaceId, row.merged_into);
  return row;
}

/** `otherSender`: someone else than the conversation's contact wrote (a colleague replying to the thread): said first. */
function bodyOf(mail: ParsedMail, opening: boolean, notKept: string[], otherSender: string | null): string {
  const text = trimReply(mail.text ?? '');
  const subject = mail.subject?.trim();
  let body = opening && subject ? `${subject}\n\n${text}` : text;
  if (otherSender) body = `(From ${otherSender})\n\n${body}`;
  if (notKept.length > 0) body = `${body}\n\n(Not kept: ${notKept.join('; ')})`;
  body = body.trim();
  return body.length > MAX_BODY ? `${body.slice(0, MAX_BODY - 1)}…` : body;
}

export async function receiveMail(ctx: Context, input: InboundMail): Promise<Received> {
  const mail = await parseMail(input.raw, ctx.config.inboundMaxBytes);
  const addresses = input.recipients.length > 0 ? input.recipients : headerAddresses(mail);
  const report = readDeliveryReport(mail, input.raw);
  if (report || addresses.some((a) => bounceTokenOf(a))) {
    await receiveBounce(ctx, { report, addresses, workspaceId: input.workspaceId });
    return { status: 'bounce', conversationId: null, messageId: null };
  }
  const from = mail.from?.value
    .find((v) => v.address)
    ?.address?.trim()
    .toLowerCase();
  if (!from) throw refused('The mail has no sender address (From)');
  // Automatic replies, notices of mail systems, and mail from Switchboard's own addresses (a loop between two of its inboxes), are dropped.
  if (isAutomatic(mail) || isFromMailSystem(mail, input.sender) || (await findRecipient(ctx.db, from)))
    return { status: 'ignored', conversationId: null, messageId: null };
  const to = await firstRecipient(ctx.db, addresses, input.workspaceId);
  const target = await targetOf(ctx, mail, to, input.workspaceId);
  const headerId = headerIds(mail.messageId)[0] ?? mail.messageId?.replace(/[<>\s]/g, '') ?? `${newId()}.${randomBytes(6).toString('hex')}@inbound.invalid`;
  const now = ctx.now();

  const seen = await ctx.db.selectFrom('email_messages').select(['conversation_id', 'message_id']).where('header_message_id', '=', headerId).executeTakeFirst();
  if (seen) return { status: 'duplicate', conversationId: seen.conversation_id, messageId: seen.message_id };

  // Files are written before their rows commit: a mail refused or failed midway takes them away again.
  const written: string[] = [];
  const forget = async (err: unknown) => {
    for (const key of written) await ctx.files.delete(key).catch(() => undefined);
    throw err;
  };
  const result = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const tctx = { ...ctx, db: trx };
      // Claims the Message-ID first: the same mail delivered twice at once stores once.
      const claimed = await trx
        .insertInto('email_messages')
        .values({
          id: newId(),
          workspace_id: target.workspaceId,
          conversation_id: null,
          message_id: null,
          direction: 'in',
          purpose: 'inbound',
          header_message_id: headerId,
          in_reply_to: headerIds(mail.inReplyTo).at(-1) ?? null,
          recipient: to?.address ?? '',
          subject: (mail.subject ?? '').slice(0, 500),
          state: 'received',
          error: null,
          attempts: 0,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('header_message_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!claimed) return null;

      let conversation: ConversationRow | undefined;
      let started: Awaited<ReturnType<typeof startEmailConversation>> | null = null;
      if ('conversationId' in target) {
        conversation = await survivor(tctx, target.workspaceId, target.conversationId);
        if (!conversation) throw refused('The conversation of this reply address no longer exists');
      } else {
        started = await startEmailConversation(trx, { workspaceId: target.workspaceId, inboxId: target.inboxId, from, name: mail.from?.value[0]?.name, now });
        conversation = started.conversation;
      }
      const visitorRow = await findVisitor(trx, conversation.workspace_id, conversation.visitor_id);
      if (!visitorRow) throw refused('The conversation of this reply address no longer exists');
      const visitor = toVisitor(visitorRow);

      const attachmentIds: string[] = [];
      const notKept: string[] = [];
      for (const file of mail.attachments.filter((a) => a.contentDisposition !== 'inline' || !a.related)) {
        const name = file.filename ?? 'file';
        if (attachmentIds.length >= MAX_FILES) {
          notKept.push(`${name} (at most ${MAX_FILES} files)`);
          continue;
        }
        try {
          const dto = await storeUpload(tctx, {
            workspaceId: conversation.workspace_id,
            conversationId: conversation.id,
            uploader: { kind: 'visitor', id: visitor.id },
            upload: { name, data: file.content },
          });
          written.push(dto.id);
          attachmentIds.push(dto.id);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          notKept.push(`${name} (${err.message})`);
        }
      }
      const contactEmail = conversation.contact_id
        ? (await trx.selectFrom('contacts').select('email').where('id', '=', conversation.contact_id).executeTakeFirst())?.email
        : null;
      const otherSender = !started && contactEmail?.trim().toLowerCase() !== from ? from : null;
      const body = bodyOf(mail, !!started, notKept, otherSender);
      if (!body && attachmentIds.length === 0) throw badRequest('The mail has no text and no file');
      const stored = await storeMessage(trx, ctx.dbKind, {
        workspaceId: conversation.workspace_id,
        visitor,
        author: { kind: 'visitor', id: visitor.id, name: null },
        // The same mail is one message, whatever the path it came by.
        clientId: `mail:${createHash('sha256').update(headerId).digest('base64url').slice(0, 40)}`,
        body,
        conversationId: conversation.id,
        attachmentIds,
        now,
      });
      if (started) stored.createdConversation = true;
      await trx
        .updateTable('email_messages')
        .set({ workspace_id: conversation.workspace_id, conversation_id: stored.conversation.id, message_id: stored.row.id })
        .where('id', '=', claimed.id)
        .execute();
      return { stored, contact: started?.createdContact ?? null };
    })
    .catch(forget);

  if (!result) {
    const row = await ctx.db
      .selectFrom('email_messages')
      .select(['conversation_id', 'message_id'])
      .where('header_message_id', '=', headerId)
      .executeTakeFirst();
    return { status: 'duplicate', conversationId: row?.conversation_id ?? null, messageId: row?.message_id ?? null };
  }
  announceStored(ctx.events, result.stored);
  if (result.contact) await contactChanged(ctx, result.contact, 'updated');
  return { status: 'stored', conversationId: result.stored.conversation.id, messageId: result.stored.row.id };
}
