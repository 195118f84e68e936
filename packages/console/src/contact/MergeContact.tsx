/**
 * "Merge contact": find the other contact by name, email, phone or company,
 * choose it, confirm. Everything of it moves to this one (conversations,
 * notes, labels; empty fields are filled from it) and it redirects here.
 */
import type { ContactDetailDto } from '@switchboard/protocol';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { FormAlert } from '../ui/Field';
import { ContactAvatar, contactName } from './ContactAvatar';
import { contactApi } from './contact-api';

export function MergeContact({ contact, onMerged }: { contact: ContactDetailDto; onMerged: (survivor: ContactDetailDto) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<ContactDetailDto[]>([]);
  const [chosen, setChosen] = useState<ContactDetailDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);
  useEffect(() => {
    if (!open || !q.trim()) return setFound([]);
    let live = true;
    const t = setTimeout(() => {
      contactApi.list({ q: q.trim(), sort: 'name' }, undefined, 10).then(
        (p) => live && setFound(p.items.filter((c) => c.id !== contact.id)),
        (err) => live && setError(messageOf(err)),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, open, contact.id]);

  const close = () => {
    setOpen(false);
    setChosen(null);
    setQ('');
    setError(null);
  };
  const merge = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      const survivor = await contactApi.merge(contact.id, chosen.id);
      close();
      onMerged(survivor);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" class="btn btn-sm" onClick={() => setOpen(true)}>
        Merge contact
      </button>
      <dialog ref={ref} class="dialog" aria-labelledby={`${id}-title`} onClose={close}>
        <div class="dialog-head">
          <h2 id={`${id}-title`}>Merge another contact into {contactName(contact)}</h2>
          <button class="btn btn-ghost btn-sm" type="button" onClick={close}>
            Close
          </button>
        </div>
        {chosen ? (
          <div>
            <p>
              <strong>{contactName(chosen)}</strong> {chosen.email && <span class="muted">({chosen.email})</span>} is merged into{' '}
              <strong>{contactName(contact)}</strong>: its conversations, notes and labels move here, and empty fields here are filled from it. It then leads
              here.
            </p>
            <FormAlert message={error} />
            <div class="form-actions">
              <button type="button" class="btn btn-primary btn-sm" disabled={busy} onClick={() => void merge()}>
                Merge contacts
              </button>
              <button type="button" class="btn btn-ghost btn-sm" onClick={() => setChosen(null)}>
                Back
              </button>
            </div>
          </div>
        ) : (
          <>
            <label class="field">
              <span>Find a contact</span>
              <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder="Name, email, phone or company" />
            </label>
            <FormAlert message={error} />
            <ul class="merge-list">
              {found.map((c) => (
                <li key={c.id}>
                  <span class="contact-who">
                    <ContactAvatar name={c.name} email={c.email} avatarUrl={c.avatarUrl} />
                    <span>
                      {contactName(c)}
                      {c.email && <span class="muted small"> · {c.email}</span>}
                    </span>
                  </span>
                  <button type="button" class="btn btn-sm" onClick={() => setChosen(c)}>
                    Choose {contactName(c)}
                  </button>
                </li>
              ))}
            </ul>
            {q.trim() && found.length === 0 && <p class="muted small">No other contact matches.</p>}
          </>
        )}
      </dialog>
    </>
  );
}
