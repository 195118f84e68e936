/**
 * The contact beside a conversation (rendered by VisitorPanel): its fields,
 * attributes and labels, editable in place ("Edit contact"), with a link to
 * the contact's page; for a visitor who is no contact yet, "New contact".
 * A change made anywhere shows here at once (`contact` frames).
 */
import type { ContactDetailDto, ConversationSummary } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api';
import { ContactDetails } from './ContactDetails';
import { ContactForm } from './ContactForm';
import { contactApi } from './contact-api';
import { useContactRevision } from './contact-live';

export function ContactCard({ conversation }: { conversation: ConversationSummary }) {
  const id = conversation.contact?.id ?? null;
  if (!id) return <NewContact visitorId={conversation.visitorId} />;
  return <KnownContact key={id} id={id} />;
}

function KnownContact({ id }: { id: string }) {
  const [contact, setContact] = useState<ContactDetailDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revision = useContactRevision(contact?.id ?? id);
  useEffect(() => {
    let live = true;
    // A merged contact answers with the one it was merged into.
    contactApi.get(contact?.id ?? id).then(
      (c) => live && setContact(c),
      (err) => live && setError(err instanceof ApiError && err.status === 404 ? 'This contact was deleted.' : messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [id, revision]);
  return (
    <section class="contact-card" aria-labelledby={`contact-card-${id}`}>
      <div class="panel-section-head">
        <h3 class="panel-section" id={`contact-card-${id}`}>
          Contact
        </h3>
        {contact && <a href={`#/contacts/${contact.id}`}>Open contact page</a>}
      </div>
      {error && <p class="muted small">{error}</p>}
      {!contact && !error && <p class="muted small">Loading…</p>}
      {contact && <ContactDetails contact={contact} onChange={setContact} />}
    </section>
  );
}

function NewContact({ visitorId }: { visitorId: string }) {
  const [creating, setCreating] = useState(false);
  return (
    <section class="contact-card" aria-label="Contact">
      <h3 class="panel-section">Contact</h3>
      {creating ? (
        <ContactForm contact={null} visitorId={visitorId} label="New contact" onDone={() => setCreating(false)} />
      ) : (
        <>
          <p class="muted small">This visitor is no contact yet: they become one when they give their name or email, or when you make them one.</p>
          <button type="button" class="btn btn-sm" onClick={() => setCreating(true)}>
            New contact
          </button>
        </>
      )}
    </section>
  );
}
