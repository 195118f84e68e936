import type { AttachmentDto, MessageDto } from '@switchboard/protocol';
import { MessageMoodMark } from '../mood/MoodMark';
import { EmailMark } from '../email/EmailMark';
import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { clock, dayLabel, fileSize, fullTime } from '../ui/time';
import { Icon } from '../ui/icons';
import { loadEarlier, retryReply } from './actions';
import { sameDay, seenSeq, startsGroup, type Chat, type PendingReply } from './chat';
import { MessageText } from './MessageText';
import { RichBlock } from '../rich/RichBlock';
import { richText } from '../rich/rich-api';
import { NoteItem } from '../team/NoteItem';
import { placeNotes } from '../team/team';
import { useStore } from '../store';

interface Props {
  id: string;
  chat: Chat;
  meId: string | null;
  visitorName: string;
}

/** Near the bottom: new messages scroll into view; further up, the operator is reading history. */
const STICK_PX = 80;
/** Images the server serves inline; other files are downloads. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function MessageList({ id, chat, meId, visitorName }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const last = useRef({ first: 0, height: 0, atBottom: true });
  const seen = seenSeq(chat);
  const first = chat.messages[0]?.seq ?? 0;
  // Private notes go right after the message they were written after.
  const notes = useStore((s) => s.team.byId[id]?.notes);
  const placed = placeNotes(notes ?? [], chat.messages, chat.hasEarlier);
  const noteItems = (list: typeof placed.first | undefined) => list?.map((n) => <NoteItem key={`note-${n.id}`} note={n} meId={meId} />);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const prev = last.current;
    if (prev.first && first < prev.first) {
      // Earlier messages were added above: keep what the operator was reading in place.
      el.scrollTop += el.scrollHeight - prev.height;
    } else if (prev.atBottom) {
      el.scrollTop = el.scrollHeight;
    }
    last.current = { first, height: el.scrollHeight, atBottom: el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX };
  });

  // Images and the typing line change the height after render: stay at the bottom if we were there.
  useEffect(() => {
    const el = ref.current;
    const log = logRef.current;
    if (!el || !log || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (last.current.atBottom) el.scrollTop = el.scrollHeight;
      last.current = { ...last.current, height: el.scrollHeight };
    });
    ro.observe(log);
    return () => ro.disconnect();
  }, []);

  const onScroll = () => {
    const el = ref.current;
    if (el) last.current = { ...last.current, atBottom: el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX, height: el.scrollHeight };
  };

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes keyboard focus, so the keyboard can scroll it (axe: scrollable-region-focusable)
    <div class="messages" ref={ref} onScroll={onScroll} tabIndex={0}>
      {chat.hasEarlier && (
        <div class="earlier">
          <button type="button" class="btn btn-ghost btn-sm" disabled={chat.loadingEarlier} onClick={() => void loadEarlier(id)}>
            {chat.loadingEarlier ? 'Loading…' : 'Load earlier'}
          </button>
        </div>
      )}
      {!chat.synced && chat.messages.length === 0 && <p class="muted center">Loading conversation…</p>}
      <div role="log" aria-label="Messages" class="log" ref={logRef}>
        {noteItems(placed.first)}
        {chat.messages.map((m, i) => {
          const prev = chat.messages[i - 1];
          return (
            <Fragment key={m.seq}>
              {(!prev || !sameDay(prev.createdAt, m.createdAt)) && <div class="day">{dayLabel(m.createdAt, Date.now())}</div>}
              <Message message={m} author={authorName(m, meId, visitorName)} first={startsGroup(prev, m)} seen={m.seq === seen} />
              {noteItems(placed.after.get(m.seq))}
            </Fragment>
          );
        })}
        {noteItems(placed.last)}
        {chat.pending.map((p) => (
          <Pending key={p.clientId} id={id} reply={p} />
        ))}
      </div>
    </div>
  );
}

function authorName(m: MessageDto, meId: string | null, visitorName: string): string {
  if (m.author.kind === 'visitor') return visitorName;
  if (m.author.kind === 'operator' && m.author.id === meId) return 'You';
  if (m.author.kind === 'bot') return `${m.author.name ?? 'Bot'} (bot)`;
  return m.author.name ?? 'Operator';
}

interface MessageProps {
  message: MessageDto;
  author: string;
  /** First of a group by the same author: shows the name and time. */
  first: boolean;
  seen: boolean;
}

function Message({ message: m, author, first, seen }: MessageProps) {
  if (m.kind === 'event') {
    return (
      <div class="msg-event" data-seq={m.seq}>
        <span>{eventText(m)}</span> <time title={fullTime(m.createdAt)}>{clock(m.createdAt)}</time>
      </div>
    );
  }
  const side = m.author.kind === 'visitor' ? 'in' : 'out';
  const time = clock(m.createdAt);
  return (
    <div class={`msg msg-${side}${first ? ' first' : ''}`} data-seq={m.seq} title={first ? undefined : `${author}, ${time}`}>
      <div class={first ? 'msg-meta' : 'sr-only'}>
        <span class="msg-author">{author}</span>{' '}
        <time dateTime={new Date(m.createdAt).toISOString()} title={fullTime(m.createdAt)}>
          {time}
        </time>
      </div>
      {m.rich ? (
        <div class="bubble">
          {richText(m.body) && <MessageText text={richText(m.body)} />}
          <RichBlock rich={m.rich} clicks={m.richClicks} />
          {m.attachments.length > 0 && <Attachments items={m.attachments} />}
        </div>
      ) : (
        <Bubble body={m.body} attachments={m.attachments} />
      )}
      {side === 'in' && <MessageMoodMark mood={m.mood} />}
      {side === 'out' && <EmailMark email={m.email} />}
      {seen && <div class="receipt">Seen</div>}
    </div>
  );
}

function Pending({ id, reply }: { id: string; reply: PendingReply }) {
  return (
    <div class={`msg msg-out pending${reply.state === 'failed' ? ' failed' : ''}`}>
      <Bubble body={reply.body} attachments={reply.attachments} />
      <div class="receipt">
        {reply.state === 'failed' ? (
          <>
            <span role="alert">Not sent: {reply.error}</span>{' '}
            <button type="button" class="link-btn" onClick={() => retryReply(id, reply.clientId)}>
              Retry
            </button>
          </>
        ) : (
          'Sending…'
        )}
      </div>
    </div>
  );
}

/** A message's text and files, stored or still on its way. */
function Bubble({ body, attachments }: { body: string; attachments: AttachmentDto[] }) {
  return (
    <div class="bubble">
      {body && <MessageText text={body} />}
      {attachments.length > 0 && <Attachments items={attachments} />}
    </div>
  );
}

function Attachments({ items }: { items: AttachmentDto[] }) {
  return (
    <ul class="attachments">
      {items.map((a) => (
        <li key={a.id}>
          {INLINE_IMAGES.has(a.mime) ? (
            <a href={a.url} target="_blank" rel="noopener noreferrer" class="att-image">
              <img src={a.url} alt={a.name} loading="lazy" />
            </a>
          ) : (
            <a href={a.url} target="_blank" rel="noopener noreferrer" class="att-file">
              <Icon name="file" />
              <span>{a.name}</span>
              <span class="muted">{fileSize(a.size)}</span>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A system line as stored, except a snooze time, shown in the operator's own zone and style. */
function eventText(m: MessageDto): string {
  const e = m.event;
  if (e?.type === 'status' && e.status === 'resolved' && e.by === 'visitor') return 'Ended by the visitor';
  if (e?.type === 'rating') return `Rated ${e.rating} out of 5 by the visitor${e.comment ? `: “${e.comment}”` : ''}`;
  if (e?.type === 'status' && e.status === 'snoozed' && e.until) return `Snoozed until ${fullTime(e.until)}${e.byName ? ` by ${e.byName}` : ''}`;
  return m.body;
}
