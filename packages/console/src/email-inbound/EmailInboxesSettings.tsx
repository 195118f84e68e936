import { useEffect, useState } from 'preact/hooks';
import { messageOf, request } from '../api';
import { InboxDefaultTeam } from '../routing/InboxDefaultTeam';
import { SlaPolicySelect } from '../sla/SlaPolicySelect';
import { CopyField } from '../ui/CopyField';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { fullTime } from '../ui/time';
import { useForm } from '../ui/use-form';

export interface EmailInbox {
  id: string;
  name: string;
  address: string;
  defaultTeamId: string | null;
  createdAt: number;
}

const emailApi = {
  list: () => request<{ items: EmailInbox[] }>('GET', '/email/inboxes'),
  create: (input: { name: string; address: string }) => request<EmailInbox>('POST', '/email/inboxes', input),
  update: (id: string, patch: { name?: string; address?: string }) => request<EmailInbox>('PATCH', `/email/inboxes/${id}`, patch),
  relay: () => request<{ secretSetAt: number | null }>('GET', '/email/relay'),
  makeSecret: () => request<{ secret: string; createdAt: number }>('POST', '/email/relay/secret', {}),
};

const fieldOf = byName('name', 'address');

/**
 * Settings → Email inboxes: mail to an inbox's address starts a conversation
 * in it (routing, SLAs and rules as for a website inbox); the relay secret
 * for a mail relay that posts received mail to Switchboard.
 */
export function EmailInboxesSettings() {
  const [inboxes, setInboxes] = useState<EmailInbox[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const creating = useForm(fieldOf);

  useEffect(() => {
    emailApi.list().then(
      (r) => setInboxes(r.items),
      (err) => setError(messageOf(err)),
    );
  }, []);

  function create(e: Event) {
    e.preventDefault();
    void creating.run(async () => {
      const inbox = await emailApi.create({ name: name.trim(), address: address.trim() });
      setInboxes((list) => [...(list ?? []), inbox]);
      setName('');
      setAddress('');
    });
  }

  return (
    <section class="card" aria-labelledby="email-inboxes-title">
      <h2 id="email-inboxes-title">Email inboxes</h2>
      <p class="muted small">
        Mail to an email inbox’s address starts a conversation in it; customers’ replies by mail land in their conversation. Point the address’s mail at
        Switchboard’s SMTP listener, or at a relay that posts it here with the relay secret below.
      </p>
      <FormAlert message={error} />
      {inboxes === null && !error && <p class="muted">Loading…</p>}
      {inboxes?.length === 0 && <p class="muted small">No email inbox yet.</p>}
      {inboxes?.map((inbox) => (
        <EmailInboxEditor key={inbox.id} inbox={inbox} onSaved={(next) => setInboxes((list) => (list ?? []).map((i) => (i.id === next.id ? next : i)))} />
      ))}
      <form class="subform form-inline" onSubmit={create} ref={creating.ref} aria-label="Add email inbox">
        <Field id="new-email-inbox-name" label="Email inbox name" error={creating.errors.fields.name}>
          <input
            {...invalidProps('new-email-inbox-name', creating.errors.fields.name)}
            required
            maxLength={100}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <Field id="new-email-inbox-address" label="Receiving address" error={creating.errors.fields.address}>
          <input
            {...invalidProps('new-email-inbox-address', creating.errors.fields.address)}
            type="email"
            required
            maxLength={254}
            placeholder="support@example.com"
            value={address}
            onInput={(e) => setAddress(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="btn btn-sm" disabled={creating.busy}>
          Add email inbox
        </button>
        <FormAlert message={creating.errors.form} />
      </form>
      <RelaySecret />
    </section>
  );
}

function EmailInboxEditor({ inbox, onSaved }: { inbox: EmailInbox; onSaved: (i: EmailInbox) => void }) {
  const [name, setName] = useState(inbox.name);
  const [address, setAddress] = useState(inbox.address);
  const [saved, setSaved] = useState(false);
  const { errors, busy, ref, run } = useForm(fieldOf);
  const id = `email-inbox-${inbox.id}`;

  function save(e: Event) {
    e.preventDefault();
    setSaved(false);
    void run(async () => {
      onSaved(await emailApi.update(inbox.id, { name: name.trim(), address: address.trim() }));
      setSaved(true);
    });
  }

  return (
    <div class="inbox-editor">
      <form class="form-inline" onSubmit={save} ref={ref} aria-label={`Email inbox ${inbox.name}`}>
        <Field id={`${id}-name`} label="Email inbox name" error={errors.fields.name}>
          <input {...invalidProps(`${id}-name`, errors.fields.name)} required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id={`${id}-address`} label="Receiving address" error={errors.fields.address}>
          <input
            {...invalidProps(`${id}-address`, errors.fields.address)}
            type="email"
            required
            maxLength={254}
            value={address}
            onInput={(e) => setAddress(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="btn btn-sm" disabled={busy}>
          Save
        </button>
        {saved && (
          <span class="muted small" role="status">
            Saved
          </span>
        )}
        <FormAlert message={errors.form} />
      </form>
      {/* Routing and SLAs as for a website inbox: each saved when it changes. */}
      <InboxDefaultTeam id={id} inboxId={inbox.id} value={inbox.defaultTeamId} />
      <SlaPolicySelect id={id} holder="inboxes" holderId={inbox.id} />
    </div>
  );
}

function RelaySecret() {
  const [setAt, setSetAt] = useState<number | null | undefined>(undefined);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    emailApi.relay().then(
      (r) => setSetAt(r.secretSetAt),
      (err) => setError(messageOf(err)),
    );
  }, []);

  async function make() {
    setBusy(true);
    setError(null);
    try {
      const r = await emailApi.makeSecret();
      setSecret(r.secret);
      setSetAt(r.createdAt);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset class="identity-verification" aria-labelledby="relay-secret-title">
      <legend id="relay-secret-title">Mail relay</legend>
      <p class="muted small">
        A relay (Postfix, or a mail provider’s raw forwarding) posts each received mail to <code>{`${location.origin}/api/v1/email/inbound`}</code> as{' '}
        <code>message/rfc822</code> with <code>Authorization: Bearer</code> and this secret.
      </p>
      <p class="small">{setAt ? `Secret made ${fullTime(setAt)}.` : setAt === null ? 'No relay secret yet.' : ''}</p>
      {secret && (
        <div class="secret-once">
          <CopyField label="Relay secret" value={secret} />
          <p class="warning" role="status">
            Copy it now into your relay’s settings: it is shown only this once.
          </p>
        </div>
      )}
      <button type="button" class="btn btn-sm" onClick={make} disabled={busy}>
        {setAt ? 'Replace relay secret' : 'Make relay secret'}
      </button>
      <FormAlert message={error} />
    </fieldset>
  );
}
