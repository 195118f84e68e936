import type { NoteDto } from '@switchboard/protocol';
import { MessageText } from '../conversation/MessageText';
import { Icon } from '../ui/icons';
import { clock, fullTime } from '../ui/time';

/** A private note in the timeline: its own look, and says so in words, since only operators ever see it. */
export function NoteItem({ note, meId }: { note: NoteDto; meId: string | null }) {
  const author = note.author.id === meId ? 'You' : note.author.name;
  const kind = note.kind === 'handoff' ? 'Handoff note' : note.kind === 'whisper' ? 'Whisper' : 'Private note';
  return (
    <div class={`note note-${note.kind ?? 'note'}`} role="note" aria-label={`${kind} by ${author}`} data-note={note.noteSeq}>
      <div class="note-meta">
        <Icon name="lock" size={13} />
        <span class="note-label">{kind}</span>
        <span class="msg-author">{author}</span>
        <time dateTime={new Date(note.createdAt).toISOString()} title={fullTime(note.createdAt)}>
          {clock(note.createdAt)}
        </time>
      </div>
      <MessageText text={note.body} mentions={note.mentions} />
    </div>
  );
}
