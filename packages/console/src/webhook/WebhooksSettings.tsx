import { useEffect, useState } from 'preact/hooks';
import { api, type Inbox, messageOf } from '../api';
import { CopyField } from '../ui/CopyField';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { DeliveryLog } from './DeliveryLog';
import { type Bot, type Endpoint, WEBHOOK_EVENTS, webhookApi } from './webhook-api';

const fieldOf = byName('url', 'description', 'eventTypes', 'name', 'webhookUrl', 'inboxId');

/** Settings → Webhooks (owners and admins): endpoints, their secrets and delivery log, private targets, and agent bots. */
export function WebhooksSettings() {
  const [endpoints, setEndpoints] = useState<Endpoint[]>([]);
  const [allowPrivate, setAllowPrivate] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    webhookApi
      .endpoints()
      .then((r) => setEndpoints(r.items))
      .catch((err) => setError(messageOf(err)));
    webhookApi
      .settings()
      .then((r) => setAllowPrivate(r.allowPrivateTargets))
      .catch((err) => setError(messageOf(err)));
  }, []);

  async function togglePrivate(next: boolean) {
    try {
      setAllowPrivate((await webhookApi.setSettings(next)).allowPrivateTargets);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <section class="card" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <p class="muted small">
        Switchboard posts events to your endpoints, signed as the Standard Webhooks specification says (headers <code>webhook-id</code>,{' '}
        <code>webhook-timestamp</code>, <code>webhook-signature</code>). A delivery that gets no 2xx answer is tried again for about a day.
      </p>
      <FormAlert message={error} />
      <label class="checkbox">
        <input type="checkbox" checked={allowPrivate} onChange={(e) => void togglePrivate(e.currentTarget.checked)} /> Allow webhooks to private addresses
      </label>
      <p class="muted small">Off, endpoints and bots on private, loopback and link-local addresses (checked after DNS and on every redirect) are refused.</p>
      {endpoints.length === 0 ? (
        <p class="muted">No endpoints yet.</p>
      ) : (
        <ul class="plain-list">
          {endpoints.map((e) => (
            <EndpointRow
              key={e.id}
              endpoint={e}
              onChange={(next) => setEndpoints((all) => all.map((x) => (x.id === next.id ? next : x)))}
              onRemove={() => setEndpoints((all) => all.filter((x) => x.id !== e.id))}
            />
          ))}
        </ul>
      )}
      <NewEndpoint onCreated={(e) => setEndpoints((all) => [...all, e])} />
      <BotsSettings />
    </section>
  );
}

function NewEndpoint({ onCreated }: { onCreated: (e: Endpoint) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>(['conversation.created', 'message.created']);
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm(fieldOf);

  function submit(e: Event) {
    e.preventDefault();
    void form.run(async () => {
      const r = await webhookApi.create({ url: url.trim(), description: description.trim(), eventTypes: events });
      onCreated(r.endpoint);
      setSecret(r.secret);
      setUrl('');
      setDescription('');
    });
  }

  return (
    <form class="subform" onSubmit={submit} ref={form.ref} aria-label="Add endpoint">
      <h3>Add endpoint</h3>
      <Field id="webhook-url" label="Endpoint URL" error={form.errors.fields.url}>
        <input
          {...invalidProps('webhook-url', form.errors.fields.url)}
          type="url"
          required
          placeholder="https://example.com/switchboard"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </Field>
      <Field id="webhook-description" label="Description" error={form.errors.fields.description}>
        <input
          {...invalidProps('webhook-description', form.errors.fields.description)}
          maxLength={200}
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </Field>
      <fieldset>
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map((t) => (
          <label class="checkbox" key={t}>
            <input
              type="checkbox"
              checked={events.includes(t)}
              onChange={(e) => setEvents((all) => (e.currentTarget.checked ? [...all, t] : all.filter((x) => x !== t)))}
            />{' '}
            {t}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="btn btn-sm" disabled={form.busy || events.length === 0}>
        Add endpoint
      </button>
      <FormAlert message={form.errors.form ?? form.errors.fields.eventTypes ?? null} />
      {secret && <SecretOnce label="Signing secret" value={secret} />}
    </form>
  );
}

function SecretOnce({ label, value }: { label: string; value: string }) {
  return (
    <div class="secret-once">
      <CopyField label={label} value={value} />
      <p class="warning" role="status">
        Copy it now: it is shown only this once.
      </p>
    </div>
  );
}

function EndpointRow({ endpoint: e, onChange, onRemove }: { endpoint: Endpoint; onChange: (e: Endpoint) => void; onRemove: () => void }) {
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(task: () => Promise<void>) {
    setError(null);
    try {
      await task();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <li class="webhook-endpoint" aria-label={`Endpoint ${e.url}`}>
      <p>
        <strong>{e.url}</strong> {e.description && <span class="muted">— {e.description}</span>}
      </p>
      <p class="small muted">{e.eventTypes.join(', ')}</p>
      <div class="form-inline">
        <label class="checkbox">
          <input
            type="checkbox"
            checked={e.enabled}
            onChange={(ev) => void act(async () => onChange(await webhookApi.update(e.id, { enabled: ev.currentTarget.checked })))}
          />{' '}
          Enabled
        </label>
        <button type="button" class="btn btn-sm" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide delivery log' : 'Delivery log'}
        </button>
        <button
          type="button"
          class="btn btn-ghost btn-sm"
          onClick={() => {
            if (window.confirm('Replace the signing secret? The current one stops working at once.'))
              void act(async () => setSecret((await webhookApi.rotate(e.id)).secret));
          }}
        >
          Rotate secret
        </button>
        <button
          type="button"
          class="btn btn-ghost btn-sm"
          aria-label={`Delete endpoint ${e.url}`}
          onClick={() => {
            if (window.confirm(`Delete the endpoint ${e.url} and its delivery log?`))
              void act(async () => {
                await webhookApi.remove(e.id);
                onRemove();
              });
          }}
        >
          Delete
        </button>
      </div>
      <FormAlert message={error} />
      {secret && <SecretOnce label="New signing secret" value={secret} />}
      {open && <DeliveryLog endpoint={e} />}
    </li>
  );
}

/** Agent bots: one per inbox, told of new conversations and visitor messages; they answer and hand over with their token. */
function BotsSettings() {
  const [bots, setBots] = useState<Bot[]>([]);
  const [inboxes, setInboxes] = useState<Inbox[]>([]);
  const [inboxId, setInboxId] = useState('');
  const [name, setName] = useState('');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [made, setMade] = useState<{ token: string; secret: string } | null>(null);
  const form = useForm(fieldOf);

  useEffect(() => {
    void webhookApi.bots().then((r) => setBots(r.items));
    void api.inboxes().then((r) => {
      setInboxes(r.items);
      setInboxId((id) => id || (r.items[0]?.id ?? ''));
    });
  }, []);
  const inboxName = (id: string) => inboxes.find((i) => i.id === id)?.name ?? id;

  function submit(e: Event) {
    e.preventDefault();
    void form.run(async () => {
      const r = await webhookApi.createBot({ inboxId, name: name.trim(), webhookUrl: webhookUrl.trim() });
      setBots((all) => [...all, r.bot]);
      setMade({ token: r.token, secret: r.secret });
      setName('');
      setWebhookUrl('');
    });
  }

  return (
    <section class="bots" aria-labelledby="bots-title">
      <h3 id="bots-title">Agent bots</h3>
      <p class="muted small">
        A bot handles the new conversations of its inbox first: it receives them and the visitor’s messages by webhook, answers with{' '}
        <code>POST /api/v1/bot/conversations/{'{id}'}/messages</code> and hands over to people with{' '}
        <code>POST /api/v1/bot/conversations/{'{id}'}/handover</code>.
      </p>
      {bots.length > 0 && (
        <ul class="plain-list">
          {bots.map((b) => (
            <BotRow key={b.id} bot={b} inboxName={inboxName(b.inboxId)} onRemove={() => setBots((all) => all.filter((x) => x.id !== b.id))} />
          ))}
        </ul>
      )}
      <form class="subform" onSubmit={submit} ref={form.ref} aria-label="Register bot">
        <Field id="bot-inbox" label="Inbox" error={form.errors.fields.inboxId}>
          <select {...invalidProps('bot-inbox', form.errors.fields.inboxId)} value={inboxId} onChange={(e) => setInboxId(e.currentTarget.value)}>
            {inboxes.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="bot-name" label="Bot name" error={form.errors.fields.name}>
          <input {...invalidProps('bot-name', form.errors.fields.name)} required maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id="bot-url" label="Bot webhook URL" error={form.errors.fields.webhookUrl}>
          <input
            {...invalidProps('bot-url', form.errors.fields.webhookUrl)}
            type="url"
            required
            value={webhookUrl}
            onInput={(e) => setWebhookUrl(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="btn btn-sm" disabled={form.busy || !inboxId}>
          Register bot
        </button>
        <FormAlert message={form.errors.form} />
        {made && (
          <>
            <SecretOnce label="Bot token" value={made.token} />
            <SecretOnce label="Bot signing secret" value={made.secret} />
          </>
        )}
      </form>
    </section>
  );
}

function BotRow({ bot: b, inboxName, onRemove }: { bot: Bot; inboxName: string; onRemove: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <li class="webhook-endpoint" aria-label={`Bot ${b.name}`}>
      <p>
        <strong>{b.name}</strong> · {inboxName} · <span class="muted">{b.webhookUrl}</span>
      </p>
      <div class="form-inline">
        <button type="button" class="btn btn-sm" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide delivery log' : 'Delivery log'}
        </button>
        <button
          type="button"
          class="btn btn-ghost btn-sm"
          aria-label={`Remove bot ${b.name}`}
          onClick={() => {
            if (window.confirm(`Remove ${b.name}? The conversations it handles go to people.`)) void webhookApi.removeBot(b.id).then(onRemove);
          }}
        >
          Remove
        </button>
      </div>
      {open && <DeliveryLog endpoint={{ id: b.id, url: b.webhookUrl }} bot />}
    </li>
  );
}
