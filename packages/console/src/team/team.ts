/**
 * The operators-only side of the open chats, as pure state: private notes
 * (placed in the timeline after the message they follow), who else is viewing
 * or replying, the visitor's draft (sneak peek), unseen mentions and the
 * mention alerts waiting to be read. Changed only through `reduceTeam`.
 */
import type { MessageDto, NoteDto, ScheduledMessageDto, ServerFrame, ViewerDto } from '@switchboard/protocol';

export interface TeamView {
  /** Sorted by noteSeq, each once. */
  notes: NoteDto[];
  viewers: ViewerDto[];
  /** Operators typing a reply now: id -> name. */
  replying: Record<string, string>;
  /** What the visitor is typing (redacted by the server); null when nothing. */
  draft: string | null;
  /** Notes here mentioning me that I have not seen. */
  unseenMentions: number;
  /** Messages scheduled to go out later that have not gone (waiting, going out, failed), in sending order. */
  scheduled: ScheduledMessageDto[];
}

export interface MentionAlert {
  conversationId: string;
  noteId: string;
  by: string;
  preview: string;
  createdAt: number;
}

export interface TeamState {
  byId: Record<string, TeamView>;
  /** Newest last; one per conversation. */
  alerts: MentionAlert[];
}

export const initialTeam: TeamState = { byId: {}, alerts: [] };

const emptyView = (): TeamView => ({ notes: [], viewers: [], replying: {}, draft: null, unseenMentions: 0, scheduled: [] });

export type TeamFrame = Extract<ServerFrame, { type: 'note' | 'viewers' | 'draft' | 'mention' | 'typing' | 'scheduled' }>;

export type TeamAction =
  | { kind: 'notes'; id: string; notes: NoteDto[] }
  | { kind: 'scheduled'; id: string; items: ScheduledMessageDto[] }
  | { kind: 'frame'; frame: TeamFrame; meId: string | null; onScreenId: string | null }
  | { kind: 'message'; message: MessageDto }
  | { kind: 'replyingExpired'; id: string; operatorId: string }
  | { kind: 'draftExpired'; id: string }
  | { kind: 'dismiss'; conversationId: string };

/** One scheduled message's news: listed while it has not gone, in sending order. */
export function upsertScheduled(list: ScheduledMessageDto[], next: ScheduledMessageDto): ScheduledMessageDto[] {
  const others = list.filter((x) => x.id !== next.id);
  if (next.status === 'sent' || next.status === 'cancelled') return others;
  return [...others, next].sort((a, b) => a.sendAt - b.sendAt || (a.id < b.id ? -1 : 1));
}

/** Merges notes by number: each once, in order. */
export function mergeNotes(current: NoteDto[], incoming: NoteDto[]): NoteDto[] {
  if (incoming.length === 0) return current;
  const bySeq = new Map(current.map((n) => [n.noteSeq, n]));
  for (const n of incoming) bySeq.set(n.noteSeq, n);
  return [...bySeq.values()].sort((a, b) => a.noteSeq - b.noteSeq);
}

/**
 * The last note number such that every note up to it is known: where to ask
 * the server from after a reconnect. Notes are numbered 1, 2, 3… without gaps,
 * so a live note that came in meanwhile cannot hide one that was missed.
 */
export function knownUpTo(notes: NoteDto[]): number {
  let n = 0;
  for (const note of notes) {
    if (note.noteSeq !== n + 1) break;
    n = note.noteSeq;
  }
  return n;
}

export interface PlacedNotes {
  /** Before the first message shown (only when nothing earlier is left to load). */
  first: NoteDto[];
  /** After the message with this sequence. */
  after: Map<number, NoteDto[]>;
  /** After everything shown: written after a message this console has not received yet. */
  last: NoteDto[];
}

/** Where each note goes in the timeline: right after the message it was written after. */
export function placeNotes(notes: NoteDto[], messages: MessageDto[], hasEarlier: boolean): PlacedNotes {
  const placed: PlacedNotes = { first: [], after: new Map(), last: [] };
  const firstSeq = messages[0]?.seq ?? Number.POSITIVE_INFINITY;
  const lastSeq = messages.at(-1)?.seq ?? 0;
  const shown = new Set(messages.map((m) => m.seq));
  for (const n of notes) {
    if (n.afterSeq < firstSeq) {
      // Its place is in history not loaded yet: it shows when that is.
      if (!hasEarlier || messages.length === 0) placed.first.push(n);
    } else if (n.afterSeq > lastSeq) placed.last.push(n);
    else if (shown.has(n.afterSeq)) placed.after.set(n.afterSeq, [...(placed.after.get(n.afterSeq) ?? []), n]);
    else placed.last.push(n);
  }
  return placed;
}

/** Who else is here: viewers and repliers other than me, in words ("Olivia is replying", "Olivia and Sam are viewing"). */
export function collisionText(view: TeamView | undefined, meId: string | null): string {
  if (!view) return '';
  const replying = Object.entries(view.replying)
    .filter(([id]) => id !== meId)
    .map(([, name]) => name);
  const viewing = view.viewers.filter((v) => v.operatorId !== meId && !(v.operatorId in view.replying)).map((v) => v.name);
  const parts: string[] = [];
  if (replying.length) parts.push(`${listNames(replying)} ${replying.length === 1 ? 'is' : 'are'} replying`);
  if (viewing.length) parts.push(`${listNames(viewing)} ${viewing.length === 1 ? 'is' : 'are'} viewing`);
  return parts.join(' · ');
}

function listNames(names: string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function withView(s: TeamState, id: string, fn: (v: TeamView) => TeamView): TeamState {
  return { ...s, byId: { ...s.byId, [id]: fn(s.byId[id] ?? emptyView()) } };
}

function frame(s: TeamState, f: TeamFrame, meId: string | null, onScreenId: string | null): TeamState {
  switch (f.type) {
    case 'note':
      return withView(s, f.note.conversationId, (v) => ({ ...v, notes: mergeNotes(v.notes, [f.note]) }));
    case 'viewers':
      return withView(s, f.conversationId, (v) => ({ ...v, viewers: f.viewers }));
    case 'scheduled':
      return withView(s, f.scheduled.conversationId, (v) => ({ ...v, scheduled: upsertScheduled(v.scheduled, f.scheduled) }));
    case 'draft':
      return withView(s, f.conversationId, (v) => ({ ...v, draft: f.text || null }));
    case 'typing': {
      if (f.author.kind !== 'operator' || !f.author.id || f.author.id === meId) return s;
      const id = f.author.id;
      return withView(s, f.conversationId, (v) => {
        const { [id]: _was, ...others } = v.replying;
        return { ...v, replying: f.typing ? { ...others, [id]: f.author.name ?? 'An operator' } : others };
      });
    }
    case 'mention': {
      const next = withView(s, f.conversationId, (v) => ({ ...v, unseenMentions: f.unseen }));
      const others = next.alerts.filter((a) => a.conversationId !== f.conversationId);
      // On screen it is seen at once; otherwise the newest mention waits there to be opened.
      if (!f.latest || f.unseen === 0 || onScreenId === f.conversationId) return { ...next, alerts: others };
      const alert = {
        conversationId: f.conversationId,
        noteId: f.latest.noteId,
        by: f.latest.by.name,
        preview: f.latest.preview,
        createdAt: f.latest.createdAt,
      };
      return { ...next, alerts: [...others, alert] };
    }
  }
}

export function reduceTeam(s: TeamState, a: TeamAction): TeamState {
  switch (a.kind) {
    case 'notes':
      return withView(s, a.id, (v) => ({ ...v, notes: mergeNotes(v.notes, a.notes) }));
    case 'scheduled':
      return withView(s, a.id, (v) => ({ ...v, scheduled: a.items.reduce(upsertScheduled, [] as ScheduledMessageDto[]) }));
    case 'frame':
      return frame(s, a.frame, a.meId, a.onScreenId);
    case 'message': {
      const m = a.message;
      const v = s.byId[m.conversationId];
      if (!v) return s;
      // A message sent is a draft done, and a reply no longer being written.
      if (m.author.kind === 'visitor' && v.draft !== null) return withView(s, m.conversationId, (x) => ({ ...x, draft: null }));
      const author = m.author.id;
      if (m.author.kind === 'operator' && author && author in v.replying) {
        return withView(s, m.conversationId, (x) => {
          const { [author]: _done, ...replying } = x.replying;
          return { ...x, replying };
        });
      }
      return s;
    }
    case 'replyingExpired':
      return withView(s, a.id, (v) => {
        const { [a.operatorId]: _gone, ...replying } = v.replying;
        return { ...v, replying };
      });
    case 'draftExpired':
      return withView(s, a.id, (v) => ({ ...v, draft: null }));
    case 'dismiss':
      return { ...s, alerts: s.alerts.filter((x) => x.conversationId !== a.conversationId) };
  }
}

export const isTeamFrame = (f: ServerFrame): f is TeamFrame =>
  f.type === 'note' || f.type === 'viewers' || f.type === 'draft' || f.type === 'mention' || f.type === 'typing' || f.type === 'scheduled';
