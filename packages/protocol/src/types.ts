/** Data shapes carried by frames and by the HTTP API. Times are epoch milliseconds. */
import type { RichContent } from './rich.js';

/** `snoozed`: out of the inbox until a time or until the visitor writes (`snoozedUntil` null). */
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';
/** A supervisor supervises the teams they are a member of (see visibility.ts). */
export type OperatorRole = 'owner' | 'admin' | 'supervisor' | 'operator';
export type PresenceStatus = 'online' | 'away' | 'offline';
export type AuthorKind = 'visitor' | 'operator' | 'system' | 'bot';
/** How soon a conversation should be answered; the queue takes the most urgent first. */
export type Priority = 'urgent' | 'high' | 'normal' | 'low';

export interface Author {
  kind: AuthorKind;
  id: string | null;
  name: string | null;
}

export interface AttachmentDto {
  id: string;
  name: string;
  mime: string;
  size: number;
  /** Same-origin path; served only to the conversation's visitor and the workspace's operators. */
  url: string;
}

/** A system event recorded in the conversation, e.g. "assigned to Ana" or "resolved". */
export type SystemEvent =
  | { type: 'assigned'; operatorId: string | null; operatorName: string | null; byName: string | null }
  /** `by: 'visitor'`: the visitor ended the chat themselves ("End chat"). */
  | { type: 'status'; status: ConversationStatus; byName: string | null; until?: number | null; by?: 'visitor' }
  | { type: 'labels'; added: string[]; removed: string[]; byName: string | null }
  | { type: 'merged'; fromId: string; intoId: string; byName: string | null }
  /** The visitor rated the conversation (1 to 5) with an optional comment; a later rating replaces it. */
  | { type: 'rating'; rating: number; comment: string | null }
  | { type: 'priority'; priority: Priority; byName: string | null }
  /** Back to the head of the queue: its operator went offline, or did not answer within the team's time limit. */
  | { type: 'requeued'; reason: 'offline' | 'no_answer'; operatorName: string | null }
  /** Handed to an operator or a team ("Transfer"); the handoff note that goes with it is a private note, never here. */
  | { type: 'transferred'; teamName: string | null; operatorName: string | null; byName: string | null }
  /** Escalated to a supervisor or the tier-2 team; the reason is in the escalation history (operators only), never here. */
  | { type: 'escalated'; teamName: string | null; operatorName: string | null; byName: string | null }
  /** A supervisor assigned it to themselves ("Take over"). */
  | { type: 'taken_over'; operatorName: string }
  /** A workspace rule acted where no other line says so (moved to a team, notified supervisors): for the team only. */
  | { type: 'rule'; ruleId: string; ruleName: string; action: 'assign_team' | 'notify_supervisors' | 'escalate' }
  /** Routing by intent decided where a new conversation waits: the mapped team (routed) or the inbox default. */
  | { type: 'intent'; labelName: string | null; confidence: number; teamName: string | null; routed: boolean };

/** A workspace label, e.g. "billing" in red. */
export interface LabelDto {
  id: string;
  name: string;
  /** `#rrggbb`. */
  color: string;
}

export interface MessageDto {
  id: string;
  conversationId: string;
  /** Per-conversation sequence number, starting at 1, without gaps. */
  seq: number;
  /** The id the sender chose; sending the same id twice stores the message once. */
  clientId: string | null;
  author: Author;
  kind: 'text' | 'event';
  body: string;
  attachments: AttachmentDto[];
  event: SystemEvent | null;
  createdAt: number;
  /** Operators only: the mood of a visitor message once scored (after it is stored; a `mood` frame tells live). */
  mood?: MessageMood | null;
  /** Operators only (added without a protocol version change): an operator message that also goes by mail, and how far it got; an `email` frame tells of changes. */
  email?: MessageEmail | null;
  /** A rich message (E2; added without a protocol version change): product card, carousel, comparison or quick replies; `body` is its plain-text rendering. */
  rich?: RichContent | null;
  /** Operators only: how many times the visitor clicked in this rich message. */
  richClicks?: number;
}

/** The mail that carries an operator message: queued (waiting or retrying), sent, or failed with the mail server's reason. */
export interface MessageEmail {
  state: 'queued' | 'sent' | 'failed';
  error: string | null;
  recipient: string;
}

export interface VisitorInfo {
  id: string;
  /** Page the visitor is on now, as reported by the widget. */
  pageUrl: string | null;
  pageTitle: string | null;
  referrer: string | null;
  userAgent: string | null;
  /** IANA time zone, e.g. "Europe/Paris", for the visitor's local time. */
  timeZone: string | null;
  locale: string | null;
  lastSeenAt: number | null;
  /** How many visits the visitor made; 1: a new visitor. */
  visitCount?: number;
  /** The visitor's latest visit (the current one while they are on the site). */
  visit?: VisitDto | null;
  /** The visitor has the site open now (a realtime connection, on any node). */
  online?: boolean;
}

/** Campaign parameters of a visit's landing page (`utm_source`…); null where absent. */
export interface UtmParams {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
}

/**
 * A visit: pages viewed without 30 minutes of inactivity in between, from one
 * referrer and campaign. `referrer` is the other site the visitor came from
 * (null: direct, or from the site itself).
 */
export interface VisitDto {
  id: string;
  /** 1 for the visitor's first visit. */
  number: number;
  startedAt: number;
  lastActivityAt: number;
  landingUrl: string;
  referrer: string | null;
  utm: UtmParams | null;
  /** From the user agent: `type` is desktop, mobile, tablet, tv or bot (null: unknown). */
  device: { type: string | null; browser: string | null; browserVersion: string | null; os: string | null };
  pageViews: number;
}

/** A page a visitor viewed: open from `startedAt` until at least `lastSeenAt` (the next page, a heartbeat or leaving). */
export interface PageViewDto {
  id: string;
  visitId: string;
  url: string;
  title: string | null;
  startedAt: number;
  lastSeenAt: number;
}

/** What the host site recorded of a visitor with `Switchboard('track', name, data)`. */
export interface VisitorEventDto {
  id: string;
  name: string;
  /** A flat object of text, numbers and booleans, as the site gave it; null without data. */
  data: Record<string, string | number | boolean> | null;
  createdAt: number;
}

/** A visitor on the site now, as the Visitors list shows them. */
export interface OnlineVisitor {
  id: string;
  /** The contact's name when they said who they are. */
  name: string | null;
  pageUrl: string;
  pageTitle: string | null;
  /** When they opened the page they are on. */
  pageSince: number;
  /** When their visit started (time on the site). */
  arrivedAt: number;
  /** Their number of visits (1: new). */
  visits: number;
  /** They have a conversation that is not resolved. */
  chatting: boolean;
}

/**
 * A contact as conversation summaries carry it: small on purpose (every
 * console receives a summary for every change). The contact routes answer
 * with the whole contact (`ContactDetailDto`).
 */
export interface ContactDto {
  id: string;
  name: string | null;
  email: string | null;
  createdAt: number;
  /** The host site's id for this person, set only from a valid identity hash. */
  externalId?: string | null;
  /** When the host site last vouched for this contact (a valid identity hash); null: unverified. */
  verifiedAt?: number | null;
  /** An id the visitor's page claimed without a valid hash: unverified, shown as such. */
  claimedId?: string | null;
}

/** The types a workspace's custom contact attribute can have. */
export type ContactAttributeType = 'text' | 'number' | 'date' | 'list' | 'boolean' | 'link';

/** A custom attribute a workspace defines for its contacts (Settings → Contact attributes). */
export interface ContactAttributeDto {
  id: string;
  /** Immutable once made: the name in the API, in CSV files and in `attributes`. */
  key: string;
  label: string;
  type: ContactAttributeType;
  /** The choices of a `list` attribute, in order; empty for the other types. */
  options: string[];
  position: number;
}

/**
 * A value of a custom attribute: text, list and link as strings (a link is
 * an http(s) address), a date as `YYYY-MM-DD`, a number, a boolean.
 */
export type ContactAttributeValue = string | number | boolean;

/** The whole contact, as the contact routes answer. */
export interface ContactDetailDto {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  /** An http(s) address of the contact's picture; null: consoles show initials. */
  avatarUrl: string | null;
  /** Values of the workspace's custom attributes, by key (only attributes that exist, with a value of their type). */
  attributes: Record<string, ContactAttributeValue>;
  /** Label ids, in the order they were added. */
  labels: string[];
  /** The host site's id for this person, when it vouched for them. */
  externalId: string | null;
  verified: boolean;
  /** When the host site last vouched for this contact (a valid identity hash); null: unverified. */
  verifiedAt: number | null;
  /** An id a visitor's page claimed without a valid hash: unverified, shown as such. */
  claimedId: string | null;
  lastSeenAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** How many conversations and notes the contact has (one contact's page only; null in lists). */
  counts: { conversations: number; notes: number } | null;
  /** The latest consent the contact gave in a pre-chat form (one contact only; absent in lists). */
  consent?: ContactConsentDto | null;
}

/** A consent a visitor ticked in a pre-chat form: the text they were shown, in their language, and when. */
export interface ContactConsentDto {
  text: string;
  /** The widget's language the text was shown in (`en`, `de`…). */
  language: string;
  givenAt: number;
  conversationId: string | null;
}

/** A note operators wrote on a contact (never seen by the contact). */
export interface ContactNoteDto {
  id: string;
  contactId: string;
  author: { id: string | null; name: string };
  body: string;
  createdAt: number;
}

/** `checked`: the rows were checked and wait to be imported; `queued`/`running`: importing; then `done`, `failed` (can be retried) or `cancelled`. */
export type ContactImportStatus = 'uploaded' | 'checked' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** A row of a CSV file that was refused, and why. `row` as a spreadsheet numbers it (the header is row 1). */
export interface ImportProblem {
  row: number;
  /** The file's column header, or null for the whole row. */
  column: string | null;
  message: string;
}

/** A CSV import of contacts and how far it went. */
export interface ContactImportDto {
  id: string;
  fileName: string;
  status: ContactImportStatus;
  /** Data rows in the file (the header not counted). */
  total: number;
  /** Rows gone through so far (while running: the progress). */
  done: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  /** The refused rows, at most the first 1,000. */
  problems: ImportProblem[];
  /** Why it failed, when it did. */
  error: string | null;
  createdAt: number;
  finishedAt: number | null;
}

export interface ConversationSummary {
  id: string;
  inboxId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  visitorId: string;
  contact: ContactDto | null;
  lastSeq: number;
  /** The last message of the visitor or an operator (system lines never show here); `files` counts its attachments. */
  lastMessage: { seq: number; author: Author; preview: string; createdAt: number; files: number } | null;
  /** Visitor messages no operator has read or answered yet. */
  unreadCount: number;
  /** Label ids, in the order they were added. */
  labels: string[];
  /** While snoozed: when it wakes; null when it waits for the visitor's next message. */
  snoozedUntil: number | null;
  /** This conversation was merged into that one (it is closed, its messages are there). */
  mergedInto: string | null;
  /** The visitor's rating of the conversation (1 to 5), null while unrated. */
  rating: number | null;
  /** The team the visitor chose in the pre-chat form (routing to teams comes later); null: none. */
  teamId: string | null;
  /**
   * The visitor left it with the offline form (nobody was available) and
   * waits for the reply by email; shown as "Waiting for an email reply" while
   * the conversation is not resolved.
   */
  awaitingEmailReply: boolean;
  priority: Priority;
  /** Waiting in its team's queue since then (kept when it is put back); null: not waiting. */
  queuedAt: number | null;
  /** SLA (protocol 7): the nearest target not yet breached, which one, and when it warns; null: none running. */
  slaDueAt?: number | null;
  slaTarget?: SlaTarget | null;
  slaWarnAt?: number | null;
  /** SLA: the latest breach of a target not met yet; null: none. */
  slaBreachedAt?: number | null;
  /** Highest sequence number the visitor / the operators have read. */
  visitorReadSeq: number;
  operatorReadSeq: number;
  createdAt: number;
  updatedAt: number;
  /** Mood of the visitor's latest scored message (operators only; absent or null: not scored yet). */
  mood?: Mood | null;
  /** Confidence of that mood, 0..1. */
  moodConfidence?: number | null;
  /** How the visitor's mood moves over the conversation. */
  moodTrend?: MoodTrend | null;
}

/** A visitor message's mood, from the assist engine's mood model (operators only). */
export type Mood = 'negative' | 'neutral' | 'positive';
export type MoodTrend = 'souring' | 'steady' | 'improving';
export interface MessageMood {
  mood: Mood;
  confidence: number;
}

/** The targets of an SLA policy. */
export type SlaTarget = 'first_response' | 'next_response' | 'resolution';

export interface OperatorDto {
  id: string;
  name: string;
  email: string;
  role: OperatorRole;
  status: PresenceStatus;
  /** The operator's picture (a public address with nothing guessable in it); null: initials are shown. */
  avatarUrl?: string | null;
}

/**
 * A private note: written by an operator in a conversation, seen only by the
 * workspace's operators. Notes are not messages: they have their own sequence
 * (`noteSeq`, from 1 per conversation, without gaps) and never take a message
 * sequence number. `afterSeq` places the note in the timeline: right after the
 * message with that sequence (the conversation's last one when it was written).
 */
export interface NoteDto {
  id: string;
  conversationId: string;
  noteSeq: number;
  afterSeq: number;
  author: { id: string; name: string };
  body: string;
  /** The operators the note mentions (`@Name`), in the order they appear. */
  mentions: { operatorId: string; name: string }[];
  createdAt: number;
  /** A plain note; the handoff note of a transfer; a supervisor's whisper to the assignee. Absent: a plain note. */
  kind?: NoteKind;
  /** Whom a handoff note or a whisper is for (an operator), when it is for one. */
  toOperatorId?: string | null;
}

export type NoteKind = 'note' | 'handoff' | 'whisper';

/** One escalation of a conversation (operators only): who or which rule, from which team, to whom, why. */
export interface EscalationDto {
  id: string;
  conversationId: string;
  by: { kind: 'operator' | 'rule'; id: string; name: string };
  fromTeamId: string | null;
  toTeamId: string | null;
  toOperatorId: string | null;
  reason: string;
  createdAt: number;
}

/** What became of a message scheduled to be sent later. */
export type ScheduledStatus = 'scheduled' | 'sending' | 'sent' | 'cancelled' | 'failed';

/**
 * A reply an operator wrote to be sent later ("Schedule"). Operators only: the
 * visitor sees nothing of it until it is sent, as an ordinary message.
 * `scheduled` can be cancelled; `sending` is going out now; `failed` says why
 * in `error` (and can be dismissed by cancelling it).
 */
export interface ScheduledMessageDto {
  id: string;
  conversationId: string;
  author: { id: string; name: string };
  body: string;
  /** Epoch ms. */
  sendAt: number;
  status: ScheduledStatus;
  error: string | null;
  /** The sequence of the message it became, once sent. */
  messageSeq: number | null;
  createdAt: number;
}

/** A task (follow-up reminder) on a conversation or a contact, for an operator of the workspace. */
export interface TaskDto {
  id: string;
  title: string;
  note: string | null;
  /** Exactly one of the two: what the task is about. */
  conversationId: string | null;
  contactId: string | null;
  assignee: { id: string; name: string };
  createdBy: { id: string; name: string };
  status: 'open' | 'done';
  /** Epoch ms: when it is due (snoozing moves it). */
  dueAt: number;
  doneAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** An operator looking at a conversation in a visible console tab. */
export interface ViewerDto {
  operatorId: string;
  name: string;
}
