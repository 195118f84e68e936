/**
 * Who may see a conversation, as a pure rule the server (policy/visibility.ts)
 * and the console share: owners and admins see everything; supervisors and
 * operators the conversations of their teams, those assigned to them, and
 * those of no team (workspace-wide). The console applies it to each summary it
 * receives, so a conversation moved away from it leaves its lists.
 */
import type { OperatorRole } from './types.js';

export interface ConversationViewer {
  id: string;
  role: OperatorRole;
  /** The teams the operator is a member of (a supervisor supervises these). */
  teamIds: readonly string[];
}

export const seesAllConversations = (role: OperatorRole): boolean => role === 'owner' || role === 'admin';

export function conversationVisibleTo(viewer: ConversationViewer, c: { teamId: string | null; assigneeId: string | null }): boolean {
  if (seesAllConversations(viewer.role)) return true;
  if (c.teamId === null || c.assigneeId === viewer.id) return true;
  return viewer.teamIds.includes(c.teamId);
}
