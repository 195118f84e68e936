/**
 * The inbox feed, scoped like everything else (policy/visibility.ts): a
 * conversation's summary goes to the rooms of those who may see it, and a
 * console joins the rooms of what its operator may see.
 *
 *   team:<teamId>                  the team's conversations, to its members
 *   operators-unteamed:<workspace> conversations of no team, to every console
 *   operator:<id>                  the conversations assigned to them
 *   operators-all:<workspace>      everything, to owners' and admins' consoles only
 *
 * When a conversation moves (team or assignee), its summary goes to the rooms
 * of both the old and the new audience; a console drops a summary it may not
 * see by the same rule (`conversationVisibleTo` of the protocol), so it
 * leaves the lists of those who saw it. Connections following it that may no
 * longer see it stop following it (visibility-follow.ts).
 */
import { type ConversationViewer, seesAllConversations } from '@switchboard/protocol';
import { room } from './rooms.js';

interface Audience {
  teamId: string | null;
  assigneeId: string | null;
}

/** The summary rooms a console of this operator joins (besides its own `operator:<id>`). */
export function feedRooms(workspaceId: string, viewer: ConversationViewer): string[] {
  if (seesAllConversations(viewer.role)) return [room.allConversations(workspaceId)];
  return [room.unteamed(workspaceId), ...viewer.teamIds.map(room.teamFeed)];
}

/** The rooms a conversation's summary goes to; with `previous`, also those of who saw it before the change. */
export function summaryRooms(workspaceId: string, now: Audience, previous?: Audience): string[] {
  const names = new Set([room.allConversations(workspaceId), ...audience(workspaceId, now)]);
  if (previous) for (const name of audience(workspaceId, previous)) names.add(name);
  return [...names];
}

function audience(workspaceId: string, c: Audience): string[] {
  const names = [c.teamId === null ? room.unteamed(workspaceId) : room.teamFeed(c.teamId)];
  if (c.assigneeId) names.push(room.operator(c.assigneeId));
  return names;
}
