/**
 * One contact (#/contacts/<id>): its fields, attributes and labels
 * (editable), "Merge contact", notes, and every conversation it had. A
 * merged contact's page takes the operator to the one it was merged into.
 */
import type { ContactDetailDto } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api';
import { navigate } from '../router';
import { ContactAvatar, contactName } from './ContactAvatar';
import { ContactDetails } from './ContactDetails';
import { ContactHistory } from './ContactHistory';
import { ContactNotes } from './ContactNotes';
import { SubjectTasks } from '../task/SubjectTasks';
import { useContactRevision } from './contact-live';
import { contactApi } from './contact-api';
import { MergeContact } from './MergeContact';

const count = (n: number, what: string) => `${n.toLocaleString()} ${what}${n === 1 ? '' : 's'}`;

export function ContactPage({ id }: { id: string }) {
  const [contact, setContact] = useState<ContactDetailDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revision = useContactRevision(id);
  useEffect(() => {
    let live = true;
    contactApi.get(id).then(
      (c) => {
        if (!live) return;
        // It was merged: the answer is the survivor's, whose page this becomes.
        if (c.id !== id) navigate({ name: 'contact', id: c.id });
        else setContact(c);
      },
      (err) => live && setError(err instanceof ApiError && err.status === 404 ? 'There is no such contact (it may have been deleted).' : messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [id, revision]);

  useEffect(() => {
    if (contact) document.title = `${contactName(contact)} · Contacts`;
  }, [contact]);

  return (
    <main class="settings contact-page" aria-label={contact ? `Contact ${contactName(contact)}` : 'Contact'}>
      <p>
        <a class="back-link" href="#/contacts">
          ← All contacts
        </a>
      </p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!contact && !error && <p class="muted">Loading…</p>}
      {contact && (
        <>
          <header class="contact-head card">
            <ContactAvatar name={contact.name} email={contact.email} avatarUrl={contact.avatarUrl} large />
            <div class="contact-title">
              <h1>{contactName(contact)}</h1>
              <p class="muted small">
                {contact.verified ? 'Verified by your website · ' : ''}
                {contact.counts ? `${count(contact.counts.conversations, 'conversation')} · ${count(contact.counts.notes, 'note')}` : ''}
              </p>
            </div>
            <MergeContact contact={contact} onMerged={setContact} />
          </header>
          <section class="card" aria-label="Details">
            <ContactDetails contact={contact} onChange={setContact} />
          </section>
          <ContactNotes contactId={contact.id} revision={revision} />
          <SubjectTasks contactId={contact.id} class="card" />
          <ContactHistory contactId={contact.id} revision={revision} />
        </>
      )}
    </main>
  );
}
