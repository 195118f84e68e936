/** SQL of recorded consents (migration 0015). */
import type { ContactConsentDto } from '@switchboard/protocol';
import type { Db } from '../db/database.js';

/** The latest consent of a contact, or null when it never gave one. */
export async function latestConsent(db: Db, contactId: string): Promise<ContactConsentDto | null> {
  const row = await db
    .selectFrom('contact_consents')
    .select(['text', 'language', 'given_at', 'conversation_id'])
    .where('contact_id', '=', contactId)
    .orderBy('given_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { text: row.text, language: row.language, givenAt: row.given_at, conversationId: row.conversation_id } : null;
}

/** A merge: the other contact's consents are the survivor's. */
export async function moveConsents(db: Db, fromContactId: string, intoContactId: string): Promise<void> {
  await db.updateTable('contact_consents').set({ contact_id: intoContactId }).where('contact_id', '=', fromContactId).execute();
}
