/**
 * Conversation summaries on the wire. Every operator console receives one per
 * changed conversation, so in a busy workspace they are most of what the
 * server sends. Packed by position they carry no key names: about half the
 * bytes of the JSON object. The server packs; RealtimeClient unpacks, so
 * apps only ever see `ConversationSummary`.
 */
import type { AuthorKind, ContactDto, ConversationStatus, ConversationSummary, Mood, MoodTrend, Priority, SlaTarget } from './types.js';

export type PackedLastMessage = [
  authorKind: AuthorKind,
  authorId: string | null,
  authorName: string | null,
  preview: string,
  createdAt: number,
  seq: number,
  files: number,
];

export type PackedSummary = [
  id: string,
  inboxId: string,
  status: ConversationStatus,
  assigneeId: string | null,
  visitorId: string,
  contact: ContactDto | null,
  lastSeq: number,
  visitorReadSeq: number,
  operatorReadSeq: number,
  createdAt: number,
  updatedAt: number,
  lastMessage: PackedLastMessage | null,
  unreadCount: number,
  labels: string[],
  snoozedUntil: number | null,
  mergedInto: string | null,
  rating: number | null,
  teamId: string | null,
  awaitingEmailReply: 0 | 1,
  priority: Priority,
  queuedAt: number | null,
  // SLA (protocol 7), one block, each nullable.
  slaDueAt?: number | null,
  slaTarget?: SlaTarget | null,
  slaWarnAt?: number | null,
  slaBreachedAt?: number | null,
  // Mood (optional, operators only): one contiguous block at the end.
  mood?: Mood | null,
  moodConfidence?: number | null,
  moodTrend?: MoodTrend | null,
];

export function packSummary(c: ConversationSummary): PackedSummary {
  const m = c.lastMessage;
  const packed: PackedSummary = [
    c.id,
    c.inboxId,
    c.status,
    c.assigneeId,
    c.visitorId,
    c.contact,
    c.lastSeq,
    c.visitorReadSeq,
    c.operatorReadSeq,
    c.createdAt,
    c.updatedAt,
    m ? [m.author.kind, m.author.id, m.author.name, m.preview, m.createdAt, m.seq, m.files] : null,
    c.unreadCount,
    c.labels,
    c.snoozedUntil,
    c.mergedInto,
    c.rating,
    c.teamId,
    c.awaitingEmailReply ? 1 : 0,
    c.priority,
    c.queuedAt,
    c.slaDueAt ?? null,
    c.slaTarget ?? null,
    c.slaWarnAt ?? null,
    c.slaBreachedAt ?? null,
  ];
  // The mood block only once the conversation has one (summaries before any scoring stay as short as before).
  if (c.mood != null || c.moodTrend != null) packed.push(c.mood ?? null, c.moodConfidence ?? null, c.moodTrend ?? null);
  return packed;
}

export function unpackSummary(p: PackedSummary): ConversationSummary {
  const [
    id,
    inboxId,
    status,
    assigneeId,
    visitorId,
    contact,
    lastSeq,
    visitorReadSeq,
    operatorReadSeq,
    createdAt,
    updatedAt,
    m,
    unreadCount,
    labels,
    snoozedUntil,
    mergedInto,
    rating,
    teamId,
    awaiting,
    priority,
    queuedAt,
    slaDueAt,
    slaTarget,
    slaWarnAt,
    slaBreachedAt,
    mood,
    moodConfidence,
    moodTrend,
  ] = p;
  return {
    id,
    inboxId,
    status,
    assigneeId,
    visitorId,
    contact,
    lastSeq,
    lastMessage: m ? { seq: m[5], author: { kind: m[0], id: m[1], name: m[2] }, preview: m[3], createdAt: m[4], files: m[6] } : null,
    unreadCount,
    labels,
    snoozedUntil,
    mergedInto,
    rating,
    teamId: teamId ?? null,
    awaitingEmailReply: awaiting === 1,
    priority: priority ?? 'normal',
    queuedAt: queuedAt ?? null,
    slaDueAt: slaDueAt ?? null,
    slaTarget: slaTarget ?? null,
    slaWarnAt: slaWarnAt ?? null,
    slaBreachedAt: slaBreachedAt ?? null,
    ...(mood != null || moodTrend != null ? { mood: mood ?? null, moodConfidence: moodConfidence ?? null, moodTrend: moodTrend ?? null } : {}),
    visitorReadSeq,
    operatorReadSeq,
    createdAt,
    updatedAt,
  };
}

/** The summary's id and activity time, which the server's batching needs, without unpacking. */
export const packedId = (p: PackedSummary): string => p[0];
export const packedUpdatedAt = (p: PackedSummary): number => p[10];
