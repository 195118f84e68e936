/** Notes on a contact, newest first, and "Add note". Operators only: the contact never sees them. */
import type { ContactNoteDto } from '@switchboard/protocol';
import { useEffect, useId, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { MessageText } from '../conversation/MessageText';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { fullTime } from '../ui/time';
import { useForm } from '../ui/use-form';
import { contactApi } from './contact-api';

type Note = ContactNoteDto & { html: string };

export function ContactNotes({ contactId, revision }: { contactId: string; revision: number }) {
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [body, setBody] = useState('');
  const form = useForm(byName('body'));
  const id = useId();

  useEffect(() => {
    contactApi.notes(contactId).then(
      (p) => {
        setNotes(p.items);
        setNext(p.nextCursor);
      },
      (err) => setError(messageOf(err)),
    );
  }, [contactId, revision]);

  const more = async () => {
    if (!next) return;
    const p = await contactApi.notes(contactId, next);
    setNotes((n) => [...(n ?? []), ...p.items]);
    setNext(p.nextCursor);
  };

  function add(e: Event) {
    e.preventDefault();
    void form.run(async () => {
      const note = await contactApi.addNote(contactId, body);
      setNotes((n) => [note, ...(n ?? []).filter((x) => x.id !== note.id)]);
      setBody('');
    });
  }

  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Notes</h2>
      <form onSubmit={add} ref={form.ref} class="note-form" noValidate>
        <Field id={`${id}-body`} label="Note" error={form.errors.fields.body}>
          <textarea
            {...invalidProps(`${id}-body`, form.errors.fields.body)}
            rows={3}
            maxLength={5000}
            value={body}
            onInput={(e) => setBody(e.currentTarget.value)}
          />
        </Field>
        <FormAlert message={form.errors.form} />
        <button type="submit" class="btn btn-sm" disabled={form.busy}>
          Add note
        </button>
      </form>
      <FormAlert message={error} />
      {notes?.length === 0 && <p class="muted small">No notes yet.</p>}
      <ul class="contact-notes">
        {notes?.map((n) => (
          <li key={n.id}>
            <p class="muted small">
              {n.author.name} · <time dateTime={new Date(n.createdAt).toISOString()}>{fullTime(n.createdAt)}</time>
            </p>
            <MessageText text={n.body} />
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => void more()}>
          Load more notes
        </button>
      )}
    </section>
  );
}
