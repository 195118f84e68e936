/**
 * Which conversations a visitor may list, read, follow and write into: their
 * own, and those of the contact a valid identity hash verified them as (the
 * same person on another device). Every visitor access check goes through
 * `visitorMayAccess`; anything else answers as a missing conversation.
 *
 * Access follows the visitor's own verification, never the contact id alone:
 * an operator or a contact merge may attach an unverified visitor's contact to
 * a verified one, and that visitor still sees only their own conversations.
 */

/** Who asks: the visitor, their workspace, and the contact they are verified as (null: unverified). */
export interface VisitorAccess {
  id: string;
  workspaceId: string;
  verifiedContactId: string | null;
}

export interface ConversationAccess {
  workspace_id: string;
  visitor_id: string;
  contact_id: string | null;
}

export function visitorMayAccess<T extends ConversationAccess>(visitor: VisitorAccess, row: T | undefined | null): row is T {
  if (!row || row.workspace_id !== visitor.workspaceId) return false;
  if (row.visitor_id === visitor.id) return true;
  return visitor.verifiedContactId !== null && row.contact_id === visitor.verifiedContactId;
}
