/** How each server frame changes the console's state: one small reducer per frame type. */
import { type ConversationSummary, conversationVisibleTo, type ServerFrame } from '@switchboard/protocol';
import { newer, unreadOf } from '../inbox/conversations';
import { newChat, receiveMessage, type Chat } from '../conversation/chat';
import { activeId, onScreen, type State } from '../state';
import { reduceTeam, type TeamFrame } from '../team/team';

type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;
type FrameReducer<T extends ServerFrame['type']> = (s: State, f: FrameOf<T>) => State;

/**
 * A summary this console may no longer see (it moved to a team I am not in):
 * the server sent it to those who saw it so that it leaves their lists.
 */
function visible(s: State, c: ConversationSummary): boolean {
  return !s.me || conversationVisibleTo({ id: s.me.id, role: s.me.role, teamIds: s.teamIds }, c);
}

function dropSummary(s: State, id: string): State {
  if (!s.conversations[id]) return s;
  const { [id]: _gone, ...conversations } = s.conversations;
  const { [id]: _unread, ...unread } = s.unread;
  return { ...s, conversations, unread };
}

/** Replaces a conversation's summary and with it the unread count this console shows. */
export function upsertSummary(s: State, next: ConversationSummary): State {
  const merged = newer(s.conversations[next.id], next);
  const unread = unreadOf(merged, onScreen(s, next.id));
  return {
    ...s,
    hasConversations: true,
    conversations: { ...s.conversations, [next.id]: merged },
    unread: unread === (s.unread[next.id] ?? 0) ? s.unread : { ...s.unread, [next.id]: unread },
  };
}

/** Frames of the operators-only side go to the team state (team/team.ts). */
const team = (s: State, f: TeamFrame): State => ({
  ...s,
  team: reduceTeam(s.team, { kind: 'frame', frame: f, meId: s.me?.id ?? null, onScreenId: s.visible ? activeId(s) : null }),
});

function withChat(s: State, id: string, fn: (c: Chat) => Chat): State {
  const chat = s.chats[id];
  return chat ? { ...s, chats: { ...s.chats, [id]: fn(chat) } } : s;
}

const reducers: { [T in ServerFrame['type']]?: FrameReducer<T> } = {
  welcome: (s, f) => (f.identity.kind === 'operator' ? { ...s, me: { ...s.me, ...f.identity.operator }, teamIds: f.identity.teamIds ?? s.teamIds } : s),
  // My role or teams changed: what I may no longer see leaves the lists (the list is loaded again too).
  access: (s, f) => {
    const next = { ...s, me: s.me && { ...s.me, role: f.role }, teamIds: f.teamIds };
    return Object.values(next.conversations).reduce((acc, c) => (visible(acc, c) ? acc : dropSummary(acc, c.id)), next);
  },
  // The feed also tells those who saw a conversation that it moved away from them (server realtime/feed.ts).
  conversation: (s, f) => (visible(s, f.conversation) ? upsertSummary(s, f.conversation) : dropSummary(s, f.conversation.id)),
  message: (s, f) => {
    const next = withChat(s, f.message.conversationId, (c) => receiveMessage(c, f.message));
    const t = reduceTeam(next.team, { kind: 'message', message: f.message });
    return t === next.team ? next : { ...next, team: t };
  },
  synced: (s, f) =>
    withChat(upsertSummary(s, f.conversation), f.conversationId, (c) => ({
      ...c,
      // After a reconnect the replay resumes from the last message: what is earlier did not change.
      hasEarlier: c.synced ? c.hasEarlier : f.hasEarlier,
      synced: true,
      visitorReadSeq: Math.max(c.visitorReadSeq, f.conversation.visitorReadSeq),
    })),
  // A visitor message was scored after it arrived: its mark shows (the summary brings the conversation's mood).
  mood: (s, f) =>
    withChat(s, f.conversationId, (c) =>
      c.messages.some((m) => m.seq === f.seq) ? { ...c, messages: c.messages.map((m) => (m.seq === f.seq ? { ...m, mood: f.mood } : m)) } : c,
    ),
  // Scores coalesced by the server (at most one frame per 100 ms): each as a `mood` frame.
  moods: (s, f) => f.moods.reduce((state, m) => applyFrame(state, m), s),
  // The mail carrying an operator message was queued, sent or failed: its state shows under it.
  email: (s, f) =>
    withChat(s, f.conversationId, (c) =>
      c.messages.some((m) => m.seq === f.seq) ? { ...c, messages: c.messages.map((m) => (m.seq === f.seq ? { ...m, email: f.email } : m)) } : c,
    ),
  // The visitor clicked in a rich message: its count under the block follows.
  richClick: (s, f) =>
    withChat(s, f.conversationId, (c) =>
      c.messages.some((m) => m.id === f.messageId) ? { ...c, messages: c.messages.map((m) => (m.id === f.messageId ? { ...m, richClicks: f.clicks } : m)) } : c,
    ),
  typing: (s, f) => (f.author.kind === 'visitor' ? withChat(s, f.conversationId, (c) => ({ ...c, visitorTyping: f.typing })) : team(s, f)),
  note: team,
  viewers: team,
  draft: team,
  mention: team,
  read: (s, f) => {
    const conv = s.conversations[f.conversationId];
    if (f.reader === 'visitor') {
      const next = withChat(s, f.conversationId, (c) => ({ ...c, visitorReadSeq: Math.max(c.visitorReadSeq, f.seq) }));
      return conv ? { ...next, conversations: { ...next.conversations, [conv.id]: { ...conv, visitorReadSeq: Math.max(conv.visitorReadSeq, f.seq) } } } : next;
    }
    if (!conv) return s;
    // Read up to the end by a colleague: nothing is waiting any more (the server counts the same way).
    return upsertSummary(s, { ...conv, operatorReadSeq: Math.max(conv.operatorReadSeq, f.seq), unreadCount: f.seq >= conv.lastSeq ? 0 : conv.unreadCount });
  },
  visitor: (s, f) => ({ ...s, visitors: { ...s.visitors, [f.visitor.id]: f.visitor } }),
  label: (s, f) => {
    if (!f.deleted) return { ...s, labels: { ...s.labels, [f.label.id]: f.label } };
    const { [f.label.id]: _gone, ...labels } = s.labels;
    return { ...s, labels, labelFilter: s.labelFilter === f.label.id ? null : s.labelFilter };
  },
  merged: (s, f) => {
    // Both were renumbered into the survivor: what either chat held is stale, and the tab of
    // the one merged away shows the survivor (followed afresh, so every message comes once).
    const open = s.chats[f.from] || s.chats[f.into];
    const { [f.from]: _from, [f.into]: _into, ...chats } = s.chats;
    const openIds = [...new Set(s.openIds.map((id) => (id === f.from ? f.into : id)))];
    // Notes were numbered again too: loaded afresh once the survivor is followed.
    const { [f.from]: _fromTeam, [f.into]: _intoTeam, ...byId } = s.team.byId;
    return upsertSummary({ ...s, openIds, chats: open ? { ...chats, [f.into]: newChat() } : chats, team: { ...s.team, byId } }, f.conversation);
  },
  presence: (s, f) => {
    const op = s.operators[f.operatorId];
    const next = op ? { ...s, operators: { ...s.operators, [op.id]: { ...op, status: f.status } } } : s;
    return next.me?.id === f.operatorId ? { ...next, me: { ...next.me, status: f.status } } : next;
  },
};

export function applyFrame(s: State, frame: ServerFrame): State {
  const reducer = reducers[frame.type] as FrameReducer<typeof frame.type> | undefined;
  return reducer ? reducer(s, frame as never) : s;
}
