/**
 * Contacts (#/contacts): search, filters (label, company, an attribute's
 * value), "Sort by", a table paged with "Load more"; "New contact", and for
 * admins "Import contacts" and "Export contacts" (the list as filtered).
 */
import type { ContactDetailDto, LabelDto } from '@switchboard/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { navigate } from '../router';
import { useStore } from '../store';
import { FormAlert } from '../ui/Field';
import { LabelChip } from '../ui/LabelChip';
import { shortTime } from '../ui/time';
import { ContactAvatar, contactName } from './ContactAvatar';
import { ContactForm } from './ContactForm';
import { type ContactFilters, type ContactSort, contactApi, download, filterQuery } from './contact-api';
import { useAttributes } from './contact-live';
import { ImportContacts } from './ImportContacts';

const SORTS: { id: ContactSort; label: string }[] = [
  { id: 'updated', label: 'Last updated' },
  { id: 'name', label: 'Name' },
  { id: 'created', label: 'Newest' },
  { id: 'last_seen', label: 'Last seen' },
];

export function ContactsPage() {
  const me = useStore((s) => s.me);
  const admin = me?.role === 'owner' || me?.role === 'admin';
  const labels = useStore((s) => s.labels);
  const labelList = useMemo(() => Object.values(labels).sort((a, b) => a.name.localeCompare(b.name)), [labels]);
  const defs = useAttributes() ?? [];
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<ContactFilters>({ sort: 'updated' });
  const [items, setItems] = useState<ContactDetailDto[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);
  const [reload, setReload] = useState(0);
  const attrDef = defs.find((d) => d.key === filters.attribute);

  // The search box waits for a pause in typing.
  useEffect(() => {
    const t = setTimeout(() => setFilters((f) => (f.q === (q.trim() || undefined) ? f : { ...f, q: q.trim() || undefined })), 250);
    return () => clearTimeout(t);
  }, [q]);
  const active: ContactFilters = { ...filters, ...(filters.attribute && !filters.value ? { attribute: undefined, value: undefined } : {}) };
  const key = filterQuery(active);
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    contactApi.list(active).then(
      (p) => {
        if (!live) return;
        setItems(p.items);
        setNext(p.nextCursor);
        setLoading(false);
      },
      (err) => {
        if (!live) return;
        setError(messageOf(err));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [key, reload]);
  useEffect(() => {
    document.title = 'Contacts · Switchboard';
  }, []);

  const more = async () => {
    if (!next) return;
    setLoading(true);
    try {
      const p = await contactApi.list(active, next);
      setItems((list) => [...(list ?? []), ...p.items]);
      setNext(p.nextCursor);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setLoading(false);
    }
  };
  const set = (patch: Partial<ContactFilters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <main class="settings contacts-page" aria-labelledby="contacts-title">
      <div class="page-head">
        <h1 id="contacts-title">Contacts</h1>
        <div class="page-actions">
          <button type="button" class="btn btn-sm" onClick={() => setCreating(true)}>
            New contact
          </button>
          {admin && <ImportContacts onImported={() => setReload((n) => n + 1)} />}
          {admin && (
            <button type="button" class="btn btn-sm btn-ghost" onClick={() => download(`/contacts/export${filterQuery(active)}`)}>
              Export contacts
            </button>
          )}
        </div>
      </div>
      {creating && (
        <section class="card">
          <h2>New contact</h2>
          <ContactForm
            contact={null}
            label="New contact"
            onDone={(saved) => {
              setCreating(false);
              if (saved) navigate({ name: 'contact', id: saved.id });
            }}
          />
        </section>
      )}
      <section class="card">
        <search class="contact-filters" aria-label="Find contacts">
          <label class="field grow">
            <span class="sr-only">Search contacts</span>
            <input
              type="search"
              aria-label="Search contacts"
              placeholder="Search name, email, phone, company"
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            <span>Label</span>
            <select value={filters.label ?? ''} onChange={(e) => set({ label: e.currentTarget.value || undefined })}>
              <option value="">Any label</option>
              {labelList.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>Company</span>
            <input value={filters.company ?? ''} onChange={(e) => set({ company: e.currentTarget.value.trim() || undefined })} />
          </label>
          <label class="field">
            <span>Attribute</span>
            <select value={filters.attribute ?? ''} onChange={(e) => set({ attribute: e.currentTarget.value || undefined, value: undefined })}>
              <option value="">Any attribute</option>
              {defs.map((d) => (
                <option key={d.id} value={d.key}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
          {attrDef && (
            <AttributeFilter
              type={attrDef.type}
              options={attrDef.options}
              value={filters.value ?? ''}
              onChange={(value) => set({ value: value || undefined })}
            />
          )}
          <label class="field">
            <span>Sort by</span>
            <select value={filters.sort} onChange={(e) => set({ sort: e.currentTarget.value as ContactSort })}>
              {SORTS.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        </search>
        <FormAlert message={error} />
        <ContactTable items={items} labels={labels} />
        {items?.length === 0 && !loading && <p class="muted">{key === filterQuery({ sort: filters.sort }) ? 'No contacts yet.' : 'No contact matches.'}</p>}
        {next && (
          <button type="button" class="btn btn-ghost btn-block load-more" disabled={loading} onClick={() => void more()}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        )}
      </section>
    </main>
  );
}

function AttributeFilter(props: { type: string; options: string[]; value: string; onChange: (v: string) => void }) {
  if (props.type === 'list' || props.type === 'boolean') {
    const options =
      props.type === 'list'
        ? props.options.map((o) => [o, o])
        : [
            ['yes', 'Yes'],
            ['no', 'No'],
          ];
    return (
      <label class="field">
        <span>Value</span>
        <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
          <option value="">Any value</option>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return (
    <label class="field">
      <span>Value</span>
      <input
        type={props.type === 'date' ? 'date' : props.type === 'number' ? 'number' : 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value.trim())}
      />
    </label>
  );
}

function ContactTable({ items, labels }: { items: ContactDetailDto[] | null; labels: Record<string, LabelDto> }) {
  const now = Date.now();
  if (!items || items.length === 0) return null;
  return (
    <table class="table contacts-table">
      <caption class="sr-only">Contacts</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Company</th>
          <th scope="col">Labels</th>
          <th scope="col">Last seen</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id}>
            <td>
              <a class="contact-who" href={`#/contacts/${c.id}`}>
                <ContactAvatar name={c.name} email={c.email} avatarUrl={c.avatarUrl} />
                <span>{contactName(c)}</span>
              </a>
            </td>
            <td>{c.email ?? ''}</td>
            <td>{c.company ?? ''}</td>
            <td>{c.labels.flatMap((id) => (labels[id] ? [<LabelChip key={id} label={labels[id]} />] : []))}</td>
            <td>{c.lastSeenAt ? shortTime(c.lastSeenAt, now) : <span class="muted">Never</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
