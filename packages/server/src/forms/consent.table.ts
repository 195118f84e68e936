/** Row types of the forms feature (see migration 0015). */

/** A consent a visitor ticked in a pre-chat form: the text shown, in their language, and when. */
export interface ContactConsentTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  visitor_id: string;
  inbox_id: string;
  /** The conversation the form started. */
  conversation_id: string | null;
  /** The consent text exactly as the visitor was shown it. */
  text: string;
  /** The widget's language it was shown in. */
  language: string;
  given_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    contact_consents: ContactConsentTable;
  }
}
