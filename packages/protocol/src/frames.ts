/** Frames the server sends. Discriminated on `type`; `ref` echoes the client frame it answers. */
import type { IntentFrame, IntentTrainingFrame } from './intents.js';
import type {
  Author,
  ContactDto,
  ContactImportDto,
  ConversationSummary,
  LabelDto,
  MessageDto,
  MessageEmail,
  MessageMood,
  NoteDto,
  OperatorDto,
  OperatorRole,
  PresenceStatus,
  ScheduledMessageDto,
  PageViewDto,
  TaskDto,
  ViewerDto,
  VisitorInfo,
} from './types.js';
import type { SummaryFrame } from './conversation-summary.js';
import type { SaleFrame } from './sales.js';
import type { PackedSummary } from './summary-pack.js';
import type { PackedVisitor } from './visitor-pack.js';
import type { RefusalReason } from './version.js';
import type { SuggestionsFrame } from './suggestions.js';
import type { RichClickFrame } from './rich.js';

export interface WelcomeFrame {
  type: 'welcome';
  v: number;
  ref?: string;
  heartbeatMs: number;
  identity:
    | { kind: 'visitor'; visitorId: string; workspaceId: string }
    /** `teamIds`: the operator's teams, what decides which conversations the connection is told about (visibility.ts). */
    | { kind: 'operator'; operator: OperatorDto; workspaceId: string; teamIds?: string[] };
}

/**
 * To an operator's connections: their role or teams changed. The server has
 * already moved the connection to the rooms of what they may see now; the
 * console drops the conversations it may no longer see and lists again.
 */
export interface AccessFrame {
  type: 'access';
  role: OperatorRole;
  teamIds: string[];
}

/** The connection is refused and will be closed. */
export interface RefusedFrame {
  type: 'refused';
  reason: RefusalReason;
  message: string;
  /** When to try again (`rate_limited`, `shutting_down`): clients wait at least this long. */
  retryAfterMs?: number;
}

/** One frame failed; the connection stays open. */
export interface ErrorFrame {
  type: 'error';
  ref?: string;
  code: RefusalReason;
  message: string;
}

/** The message is durably stored. Sent once per `send`, also for a repeated client id. */
export interface AckFrame {
  type: 'ack';
  ref?: string;
  clientId: string;
  conversationId: string;
  seq: number;
  messageId: string;
  createdAt: number;
  /** True when the client id had already been stored: nothing new was written. */
  duplicate: boolean;
}

export interface MessageFrame {
  type: 'message';
  message: MessageDto;
}

/**
 * Replay for a `subscribe` is complete: every message up to `seq` has been sent
 * (live messages follow). A client that delivered less than `seq` lost some and
 * subscribes again from its last sequence.
 */
export interface SyncedFrame {
  type: 'synced';
  ref?: string;
  conversationId: string;
  seq: number;
  /** There are older messages before the first one sent (for "load earlier"). */
  hasEarlier: boolean;
  conversation: ConversationSummary;
}

export interface TypingEventFrame {
  type: 'typing';
  conversationId: string;
  author: Author;
  typing: boolean;
}

export interface ReadEventFrame {
  type: 'read';
  conversationId: string;
  reader: 'visitor' | 'operator';
  seq: number;
}

/**
 * Conversations changed (new message, status, assignee): what inbox views and
 * unread counts are built from. The server coalesces them per connection and
 * sends them in batches (at most one per conversation every ~100 ms), so busy
 * workspaces cost a few frames a second instead of one per message. Summaries
 * are packed (summary-pack.ts); RealtimeClient unpacks them.
 */
export interface ConversationsFrame {
  type: 'conversations';
  conversations: PackedSummary[];
}

/**
 * One conversation changed. Not sent on the wire: RealtimeClient hands each
 * summary of a `conversations` batch to the app as one of these.
 */
export interface ConversationFrame {
  type: 'conversation';
  conversation: ConversationSummary;
}

/**
 * Operators following one of the visitor's conversations: the visitor moved.
 * `pageView` is the page they just opened (it ends the one before on that
 * tab); absent when only other details changed.
 */
export interface VisitorFrame {
  type: 'visitor';
  visitor: VisitorInfo;
  pageView?: PageViewDto;
}

/**
 * Operators following the workspace's visitors (`visitors` with `follow:
 * true`): first a `snapshot` of everyone online, then batches of what changed
 * (at most one entry per visitor per second): `visitors` arrived or moved
 * (packed, visitor-pack.ts), `gone` left the site.
 */
export interface VisitorsFrame {
  type: 'visitors';
  snapshot: boolean;
  visitors: PackedVisitor[];
  gone: string[];
}

/**
 * To the visitor (their own room): an operator started a conversation with
 * them ("Start chat"). The widget follows it and opens the chat, where the
 * operator's first message is.
 */
export interface InviteFrame {
  type: 'invite';
  conversationId: string;
  operator: { name: string };
}

export interface PresenceEventFrame {
  type: 'presence';
  operatorId: string;
  status: PresenceStatus;
}

/** A workspace label changed (or was deleted): operator consoles only. */
export interface LabelFrame {
  type: 'label';
  label: LabelDto;
  deleted: boolean;
}

/**
 * Two conversations became one: `from` is closed and every message of both
 * is in `into`, renumbered in time order. A client following either drops
 * what it holds of both and follows `into` afresh (RealtimeClient does it),
 * so it sees each message of the survivor exactly once.
 */
export interface MergedFrame {
  type: 'merged';
  from: string;
  into: string;
  conversation: ConversationSummary;
}

/** Operators only (the conversation's team room): a private note was written. Never sent to a visitor. */
export interface NoteFrame {
  type: 'note';
  note: NoteDto;
}

/**
 * Operators only: who is looking at the conversation now, on any node (the
 * whole list each time it changes, and once after `subscribe`). Includes the
 * receiver's own entry when it views the conversation.
 */
export interface ViewersFrame {
  type: 'viewers';
  conversationId: string;
  viewers: ViewerDto[];
}

/**
 * Operators only, when the inbox has sneak peek on: what the visitor is typing
 * and has not sent, with card numbers, IBANs and long digit runs redacted.
 * `text` is empty once the visitor cleared or sent it. Never stored.
 */
export interface DraftEventFrame {
  type: 'draft';
  conversationId: string;
  text: string;
}

/**
 * To the mentioned operator only (their own room): how many notes mention
 * them in the conversation that they have not seen. `latest` is the note that
 * just mentioned them; null when the count changed because they opened it.
 */
export interface MentionFrame {
  type: 'mention';
  conversationId: string;
  unseen: number;
  latest: { noteId: string; by: { id: string; name: string }; preview: string; createdAt: number } | null;
}

/** Operators only (the conversation's team room): a scheduled message was added, cancelled, sent or failed. */
export interface ScheduledFrame {
  type: 'scheduled';
  scheduled: ScheduledMessageDto;
}

/**
 * Visitors only (their own room): who they are to this chat changed, or the
 * conversations of the contact they are verified as did (another of their
 * devices was identified). `verified`: a valid identity hash vouches for
 * them now. List the conversations again (`GET /api/v1/widget/conversations`);
 * conversations no longer theirs are no longer followed.
 */
export interface IdentityFrame {
  type: 'identity';
  verified: boolean;
}

/**
 * Operators of the workspace: a contact changed. `change` says what:
 * `updated` (its fields, attributes or labels), `notes` (a note was
 * written), `merged` (it was merged into `mergedInto`, where everything of it
 * is now) or `deleted`. Small on purpose: a console showing the contact
 * fetches it again (GET /api/v1/contacts/:id); the conversations of the
 * contact also come again in `conversations`, with the new name.
 */
export interface ContactFrame {
  type: 'contact';
  contact: ContactDto;
  change: 'updated' | 'notes' | 'merged' | 'deleted';
  mergedInto: string | null;
  updatedAt: number;
}

/** To the operator who started it (their own room): how far a CSV import of contacts went, then how it ended. */
export interface ContactImportFrame {
  type: 'contactImport';
  import: ContactImportDto;
}

/**
 * Visitors only: whether an operator of the inbox is available now (online;
 * away and offline operators are not). Sent after `welcome`, then whenever it
 * changes (the last operator left, or the first came back): the widget shows
 * or takes away its offline form. A visitor in the middle of a chat keeps
 * chatting.
 */
export interface AvailabilityFrame {
  type: 'availability';
  /** False also outside the business hours of the inbox's team. */
  available: boolean;
  /**
   * Optional (added without a protocol version change): the inbox's team is
   * outside its business hours; `opensAt` (epoch ms, null: not within a
   * year) says when it is back, `timeZone` is the team's. Absent while the
   * team is open or has no hours.
   */
  closed?: boolean;
  opensAt?: number | null;
  timeZone?: string;
}

/**
 * Operators only (added without a protocol version change): a team's
 * business hours or an operator's shift opened, closed or was changed; the
 * console's Team overview asks again.
 */
/**
 * Operators only (the conversation's team room): a visitor message was scored
 * for mood after it was stored; the summary with the conversation's mood and
 * trend follows as usual.
 */
export interface MoodFrame {
  type: 'mood';
  conversationId: string;
  seq: number;
  mood: MessageMood;
}

/**
 * Operators only (added without a protocol version change): the `mood` frames
 * of a connection's conversations scored within the last 100 ms, oldest first,
 * in one frame. Mood is never urgent, and one score per visitor message sent
 * on its own doubled the frames a busy console is written.
 */
export interface MoodsFrame {
  type: 'moods';
  moods: MoodFrame[];
}

/**
 * Operators only (the conversation's team room; added without a protocol
 * version change): the mail carrying an operator message was queued, sent or
 * failed.
 */
export interface EmailFrame {
  type: 'email';
  conversationId: string;
  seq: number;
  email: MessageEmail;
}

export interface ScheduleFrame {
  type: 'schedule';
  teamId: string | null;
  operatorId: string | null;
}

/**
 * Visitors only (protocol 6): where their conversation stands in its team's
 * queue, sent when it joins the queue, whenever the queue ahead of it moves,
 * and after `welcome`; `position` null: no longer waiting (an operator has it).
 * `waitSeconds`: the estimate, null when there is nothing to go on.
 */
export interface QueueFrame {
  type: 'queue';
  conversationId: string;
  position: number | null;
  waitSeconds: number | null;
}

/**
 * Operators only: a workspace rule asks the supervisors of a conversation's
 * team (owners and admins without a team) to look at it. Optional: consoles
 * that do not know it ignore it.
 */
export interface RuleNoticeFrame {
  type: 'ruleNotice';
  conversationId: string;
  ruleId: string;
  ruleName: string;
  text: string;
  at: number;
}

/**
 * To the assignee only (their own room): one of their tasks is due now.
 * `overdue`: how many of their open tasks are due (the badge of Tasks).
 * Optional: consoles that do not know it ignore it.
 */
export interface TaskDueFrame {
  type: 'taskDue';
  task: TaskDto;
  overdue: number;
}

/**
 * To the operators a task concerns (its assignee, its assignee before, its
 * creator; their own rooms): it was added, changed, done, reopened, snoozed or
 * deleted. Consoles list their tasks again. Optional: consoles that do not
 * know it ignore it.
 */
export interface TaskFrame {
  type: 'task';
  task: TaskDto;
  deleted: boolean;
}

export interface PongFrame {
  type: 'pong';
  ref?: string;
  now: number;
}

export type ServerFrame =
  | RuleNoticeFrame
  | TaskDueFrame
  | TaskFrame
  | WelcomeFrame
  | RefusedFrame
  | ErrorFrame
  | AckFrame
  | MessageFrame
  | SyncedFrame
  | TypingEventFrame
  | ReadEventFrame
  | ConversationsFrame
  | ConversationFrame
  | VisitorFrame
  | VisitorsFrame
  | InviteFrame
  | PresenceEventFrame
  | LabelFrame
  | MergedFrame
  | NoteFrame
  | ViewersFrame
  | DraftEventFrame
  | MentionFrame
  | ScheduledFrame
  | IdentityFrame
  | ContactFrame
  | ContactImportFrame
  | AvailabilityFrame
  | QueueFrame
  | ScheduleFrame
  | MoodFrame
  | MoodsFrame
  | SuggestionsFrame
  | IntentFrame
  | IntentTrainingFrame
  | EmailFrame
  | SummaryFrame
  | SaleFrame
  | AccessFrame
  | PongFrame
  | RichClickFrame;

/** Close codes used with `refused` (4000-4999 are application codes). */
export const CLOSE_CODES: Record<RefusalReason, number> = {
  bad_version: 4000,
  unauthorized: 4001,
  forbidden: 4003,
  not_found: 4004,
  rate_limited: 4029,
  too_large: 4013,
  bad_frame: 4400,
  conflict: 4009,
  server_error: 4500,
  shutting_down: 4503,
  timeout: 4408,
  too_slow: 4080,
  identity_required: 4031,
};
