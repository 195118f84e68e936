/**
 * How a mail finds its conversation again. Replies go out with
 * `Reply-To: reply+<token>@<reply domain>`, where the token is random (128
 * bits, stored in email_threads), so an address says nothing about the
 * workspace or the conversation and cannot be guessed; and with a Message-ID
 * `<id>@<reply domain>` stored in email_messages, so a reply's In-Reply-To or
 * References finds it even when the reply address was changed.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { newId } from '../ids.js';
import './email.table.js';

export const newThreadToken = (): string => randomBytes(16).toString('hex');

export const replyAddress = (token: string, domain: string): string => `reply+${token}@${domain}`;

/** The token of a reply address (any case), else null. */
export function threadTokenOf(address: string): string | null {
  const m = /^reply\+([0-9a-f]{32})@/i.exec(address.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** The envelope sender (Return-Path) of an outgoing mail: its bounces come back here, naming the mail by an unguessable token. */
export const bounceAddress = (token: string, domain: string): string => `bounce+${token}@${domain}`;

/** The token of a bounce address (any case), else null. */
export function bounceTokenOf(address: string): string | null {
  const m = /^bounce\+([0-9a-f]{32})@/i.exec(address.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** A new Message-ID (without angle brackets). */
export const newHeaderMessageId = (domain: string): string => `${newId()}.${randomBytes(6).toString('hex')}@${domain}`;

/** The ids in an In-Reply-To or References header, without angle brackets, newest last. */
export function headerIds(value: string | string[] | undefined | null): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
}

/** The conversation's thread for this recipient, made the first time (one per conversation and address). */
export async function ensureThread(db: Db, p: { workspaceId: string; conversationId: string; email: string; now: number }): Promise<string> {
  const email = p.email.trim().toLowerCase();
  const found = await db
    .selectFrom('email_threads')
    .select('token')
    .where('conversation_id', '=', p.conversationId)
    .where('email', '=', email)
    .executeTakeFirst();
  if (found) return found.token;
  const token = newThreadToken();
  await db
    .insertInto('email_threads')
    .values({ token, workspace_id: p.workspaceId, conversation_id: p.conversationId, email, created_at: p.now })
    .onConflict((oc) => oc.columns(['conversation_id', 'email']).doNothing())
    .execute();
  const row = await db
    .selectFrom('email_threads')
    .select('token')
    .where('conversation_id', '=', p.conversationId)
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.token;
}

export async function findThread(db: Db, token: string) {
  return db.selectFrom('email_threads').selectAll().where('token', '=', token.toLowerCase()).executeTakeFirst();
}

/** The conversation a mail replies to: the newest of its header ids that Switchboard sent or received. */
export async function findByHeaderIds(db: Db, ids: string[]): Promise<{ workspaceId: string; conversationId: string } | null> {
  if (ids.length === 0) return null;
  const rows = await db
    .selectFrom('email_messages')
    .select(['header_message_id', 'workspace_id', 'conversation_id'])
    .where('header_message_id', 'in', ids)
    .where('conversation_id', 'is not', null)
    .execute();
  for (const id of [...ids].reverse()) {
    const r = rows.find((x) => x.header_message_id === id);
    if (r?.conversation_id) return { workspaceId: r.workspace_id, conversationId: r.conversation_id };
  }
  return null;
}
