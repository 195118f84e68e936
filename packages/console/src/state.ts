/** The console's state: one value, changed only by `reduce` (store.ts) with these actions. */
import type { ConversationSummary, LabelDto, MessageDto, OperatorDto, ServerFrame, VisitorInfo } from '@switchboard/protocol';
import type { ConnectionState } from '@switchboard/protocol/client';
import type { Chat, PendingReply } from './conversation/chat';
import type { ActiveStatus, ListFilter, View } from './inbox/conversations';
import type { Route } from './router';
import { initialTeam, type TeamAction, type TeamState } from './team/team';

export type Operator = OperatorDto & { disabled?: boolean };

export interface State {
  session: 'unknown' | 'signed-out' | 'signed-in';
  me: Operator | null;
  /** My teams, as the server says (welcome, access): which conversations this console may see. */
  teamIds: string[];
  connection: ConnectionState;
  route: Route;
  /** The page is shown (not a background tab). */
  visible: boolean;
  view: View;
  status: ActiveStatus;
  /** Only conversations with this label, in every view. */
  labelFilter: string | null;
  /** How many each view holds (null until loaded); above `cap` the server stopped counting. */
  counts: { values: Record<View, number>; cap: number } | null;
  /** The workspace's labels. */
  labels: Record<string, LabelDto>;
  /** Conversations with a mention of me I have not opened yet (the Mentions view). */
  mentioned: Record<string, true>;
  list: { loading: boolean; error: string | null; nextCursor: string | null };
  /** Whether the workspace has any conversation at all (whatever the view): null until known. */
  hasConversations: boolean | null;
  conversations: Record<string, ConversationSummary>;
  unread: Record<string, number>;
  /** Open chat tabs, in the order they were opened. */
  openIds: string[];
  chats: Record<string, Chat>;
  visitors: Record<string, VisitorInfo>;
  operators: Record<string, Operator>;
  /** A short message for the operator, e.g. an action that failed. */
  notice: string | null;
  /** The conversation tool open in the header (labels, snooze, merge), so shortcuts can open one. */
  tool: 'labels' | 'snooze' | 'merge' | null;
  /** The operators-only side of the open chats: notes, viewers, drafts, mentions (team/team.ts). */
  team: TeamState;
}

export const initialState: State = {
  session: 'unknown',
  me: null,
  teamIds: [],
  connection: 'closed',
  route: { name: 'inbox' },
  visible: true,
  view: 'unassigned',
  status: 'open',
  labelFilter: null,
  counts: null,
  labels: {},
  mentioned: {},
  list: { loading: false, error: null, nextCursor: null },
  hasConversations: null,
  conversations: {},
  unread: {},
  openIds: [],
  chats: {},
  visitors: {},
  operators: {},
  notice: null,
  tool: null,
  team: initialTeam,
};

export type Action =
  | { type: 'signedIn'; me: Operator }
  | { type: 'signedOut' }
  | { type: 'connection'; state: ConnectionState }
  | { type: 'route'; route: Route }
  | { type: 'visible'; visible: boolean }
  | { type: 'view'; view: View }
  | { type: 'status'; status: ActiveStatus }
  | { type: 'labelFilter'; label: string | null }
  | { type: 'counts'; values: Record<View, number>; cap: number }
  | { type: 'labels'; items: LabelDto[] }
  | { type: 'mentioned'; ids: string[]; replace: boolean }
  | { type: 'mentionSeen'; id: string }
  | { type: 'listLoading' }
  | { type: 'listLoaded'; items: ConversationSummary[]; nextCursor: string | null; append: boolean }
  | { type: 'listFailed'; message: string }
  | { type: 'hasConversations'; value: boolean }
  | { type: 'summary'; conversation: ConversationSummary }
  | { type: 'frame'; frame: ServerFrame }
  | { type: 'openChat'; id: string }
  | { type: 'closeChat'; id: string }
  | { type: 'earlierLoading'; id: string; loading: boolean }
  | { type: 'earlierLoaded'; id: string; messages: MessageDto[]; hasEarlier: boolean }
  | { type: 'replyPending'; id: string; reply: PendingReply }
  | { type: 'replyUpdated'; id: string; clientId: string; patch: Partial<PendingReply> }
  | { type: 'typingExpired'; id: string }
  | { type: 'visitor'; visitor: VisitorInfo }
  | { type: 'operators'; items: Operator[] }
  | { type: 'operator'; operator: Operator }
  | { type: 'notice'; message: string | null }
  | { type: 'tool'; tool: State['tool'] }
  | { type: 'team'; action: TeamAction };

/** The chat on screen, if any. */
export function activeId(s: State): string | null {
  return s.route.name === 'conversation' ? s.route.id : null;
}

export function onScreen(s: State, id: string): boolean {
  return s.visible && activeId(s) === id;
}

/** The list on screen: the view, its status and label filters, and who I am. */
export function listFilter(s: State): ListFilter {
  return { view: s.view, status: s.status, meId: s.me?.id ?? null, label: s.labelFilter, mentioned: s.mentioned };
}
