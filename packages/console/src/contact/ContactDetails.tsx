/**
 * A contact's fields, custom attributes and labels, with "Edit contact":
 * the same beside a conversation and on the contact's own page.
 */
import type { ContactDetailDto } from '@switchboard/protocol';
import { safeHref } from '@switchboard/text';
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { AttributeValue } from './AttributeField';
import { ContactForm } from './ContactForm';
import { ContactLabels } from './ContactLabels';
import { contactName } from './ContactAvatar';
import { useAttributes } from './contact-live';
import { fullTime } from '../ui/time';

export function ContactDetails({ contact, onChange }: { contact: ContactDetailDto; onChange: (c: ContactDetailDto) => void }) {
  const defs = useAttributes() ?? [];
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <ContactForm
        contact={contact}
        label={`Edit ${contactName(contact)}`}
        onDone={(saved) => {
          setEditing(false);
          if (saved) onChange(saved);
        }}
      />
    );
  }
  const avatar = contact.avatarUrl ? safeHref(contact.avatarUrl) : null;
  return (
    <div class="contact-details">
      <dl class="facts">
        <dt>Email</dt>
        <dd>{contact.email ?? <span class="muted">—</span>}</dd>
        <dt>Phone</dt>
        <dd>{contact.phone ?? <span class="muted">—</span>}</dd>
        <dt>Company</dt>
        <dd>{contact.company ?? <span class="muted">—</span>}</dd>
        {avatar && (
          <>
            <dt>Picture</dt>
            <dd>
              <a href={avatar} target="_blank" rel="noopener noreferrer nofollow">
                {contact.avatarUrl}
              </a>
            </dd>
          </>
        )}
        {contact.consent && (
          <>
            <dt>Consent</dt>
            <dd class="consent">
              Given {fullTime(contact.consent.givenAt)}: <q lang={contact.consent.language}>{contact.consent.text}</q>
            </dd>
          </>
        )}
        {defs.map((def) => (
          <Fragment key={def.id}>
            <dt>{def.label}</dt>
            <dd>
              <AttributeValue def={def} value={contact.attributes[def.key]} />
            </dd>
          </Fragment>
        ))}
      </dl>
      <ContactLabels contact={contact} onChange={onChange} />
      <button type="button" class="btn btn-sm" onClick={() => setEditing(true)}>
        Edit contact
      </button>
    </div>
  );
}
