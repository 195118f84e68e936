/**
 * How long mail data is kept (privacy). A mail's row (recipient, subject,
 * state) is part of its conversation's history and is kept as long as the
 * conversation's messages; its stored bodies (the text and HTML it was
 * composed with, and its References) are only needed to send it: they are
 * cleared a week after it was sent or given up, as finished jobs are kept.
 * Mails outside any conversation (operator notifications, test mails) are
 * deleted after 30 days. Deleting a contact deletes the mails to its address
 * and its reply addresses (forgetEmailAddress).
 */
import type { Db } from '../db/database.js';
import './email.table.js';

const DAY = 24 * 3600_000;
/** Bodies of mails no longer queued are kept this long after their last change (sent or failed). */
export const MAIL_BODIES_KEPT_MS = 7 * DAY;
/** Mails of no conversation are kept this long. */
export const UNTHREADED_MAILS_KEPT_MS = 30 * DAY;
const BATCH = 2000;
/** One sweep changes at most this many mails; the next one, an hour later, goes on. */
const MAX_PER_SWEEP = 100_000;

/** Clears the bodies of mails sent or given up more than a week ago (index email_messages_body_kept). */
export async function clearOldMailBodies(db: Db, now: number): Promise<number> {
  let total = 0;
  while (total < MAX_PER_SWEEP) {
    const ids = (
      await db
        .selectFrom('email_messages')
        .select('id')
        .where('body_text', 'is not', null)
        .where('updated_at', '<', now - MAIL_BODIES_KEPT_MS)
        .where('state', '!=', 'queued')
        .limit(BATCH)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) break;
    await db.updateTable('email_messages').set({ body_text: null, body_html: null, references_ids: null }).where('id', 'in', ids).execute();
    total += ids.length;
    if (ids.length < BATCH) break;
  }
  return total;
}

/** Deletes the mails of no conversation older than 30 days (index email_messages_conversation, on a null conversation). */
export async function deleteOldUnthreadedMails(db: Db, now: number): Promise<number> {
  let total = 0;
  while (total < MAX_PER_SWEEP) {
    const ids = (
      await db
        .selectFrom('email_messages')
        .select('id')
        .where('conversation_id', 'is', null)
        .where('created_at', '<', now - UNTHREADED_MAILS_KEPT_MS)
        .where('state', '!=', 'queued')
        .limit(BATCH)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) break;
    await db.deleteFrom('email_messages').where('id', 'in', ids).execute();
    total += ids.length;
    if (ids.length < BATCH) break;
  }
  return total;
}

/**
 * A contact deleted: the mails to its address and its reply addresses go
 * (indexes email_messages_recipient, email_threads_email). Mails it sent
 * belong to its conversations, which a contact that can be deleted has none of.
 * A mail still queued goes too: its send job then finds no mail and ends.
 */
export async function forgetEmailAddress(db: Db, workspaceId: string, email: string | null): Promise<void> {
  const address = email?.trim().toLowerCase();
  if (!address) return;
  await db.deleteFrom('email_messages').where('workspace_id', '=', workspaceId).where('recipient', '=', address).execute();
  await db.deleteFrom('email_threads').where('workspace_id', '=', workspaceId).where('email', '=', address).execute();
}
