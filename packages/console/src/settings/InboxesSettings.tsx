import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, messageOf, type Inbox } from '../api';
import { InboxDefaultTeam } from '../routing/InboxDefaultTeam';
import { SlaPolicySelect } from '../sla/SlaPolicySelect';
import { CopyField } from '../ui/CopyField';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { SneakPeekField } from '../team/SneakPeekField';
import { IdentityVerificationField } from '../identity/IdentityVerificationField';
import { InboxWidgetFields, widgetFieldOf, widgetSettingsOf } from './InboxWidgetFields';
import { TrackPagesField } from '../visitor/TrackPagesField';
import { formFieldOf, formSettingsOf, InboxFormFields } from '../forms/InboxFormFields';

export function embedSnippet(origin: string, websiteKey: string): string {
  return `<script src="${origin}/widget.js" data-website-key="${websiteKey}" async></script>`;
}

const createFieldOf = byName('name');

export function InboxesSettings() {
  const [inboxes, setInboxes] = useState<Inbox[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const creating = useForm(createFieldOf);

  useEffect(() => {
    api.inboxes().then(
      // Email inboxes have their own section (email-inbound/): no widget to embed.
      (r) => setInboxes(r.items.filter((i) => i.kind !== 'email')),
      (err) => setError(messageOf(err)),
    );
  }, []);

  function create(e: Event) {
    e.preventDefault();
    void creating.run(async () => {
      const inbox = await api.createInbox(name.trim());
      setInboxes((list) => [...(list ?? []), inbox]);
      setName('');
    });
  }

  const replace = (next: Inbox) => setInboxes((list) => (list ?? []).map((i) => (i.id === next.id ? next : i)));

  return (
    <section class="card" aria-labelledby="inboxes-title">
      <h2 id="inboxes-title">Inboxes</h2>
      <p class="muted small">Each website inbox has its own chat widget. Paste its snippet before the closing &lt;/body&gt; tag of your site.</p>
      <FormAlert message={error} />
      {inboxes === null && !error && <p class="muted">Loading…</p>}
      {inboxes?.map((inbox) => (
        <InboxEditor key={inbox.id} inbox={inbox} onSaved={replace} />
      ))}
      <form class="subform form-inline" onSubmit={create} ref={creating.ref}>
        <Field id="new-inbox-name" label="New inbox name" error={creating.errors.fields.name}>
          <input
            {...invalidProps('new-inbox-name', creating.errors.fields.name)}
            required
            maxLength={100}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="btn btn-sm" disabled={creating.busy}>
          Create inbox
        </button>
        <FormAlert message={creating.errors.form} />
      </form>
    </section>
  );
}

const SETTINGS_FIELDS: Record<string, string> = {
  'settings.greeting': 'greeting',
  'settings.teamName': 'teamName',
  'settings.color': 'color',
  'settings.position': 'position',
};
const editorFieldOf = (path: string) =>
  SETTINGS_FIELDS[path] ??
  (path === 'settings.allowedOrigins' || path.startsWith('settings.allowedOrigins.') ? 'origins' : (formFieldOf(path) ?? widgetFieldOf(path)));

const originList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);

/** A refused address is named in its message: the list is one text box. */
function withOrigins(err: unknown, origins: string[]): unknown {
  if (!(err instanceof ApiError)) return err;
  const details = err.details.map((d) => {
    const i = /^settings\.allowedOrigins\.(\d+)$/.exec(d.path)?.[1];
    const value = i === undefined ? undefined : origins[Number(i)];
    return value === undefined ? d : { ...d, message: `“${value}”: ${d.message}` };
  });
  return new ApiError(err.status, err.code, err.message, details);
}

function InboxEditor({ inbox, onSaved }: { inbox: Inbox; onSaved: (i: Inbox) => void }) {
  const [greeting, setGreeting] = useState(inbox.settings.greeting);
  const [teamName, setTeamName] = useState(inbox.settings.teamName);
  const [color, setColor] = useState(inbox.settings.color);
  const [position, setPosition] = useState(inbox.settings.position);
  const [origins, setOrigins] = useState(inbox.settings.allowedOrigins.join('\n'));
  const [sneakPeek, setSneakPeek] = useState(inbox.settings.sneakPeek ?? false);
  const [requireIdentity, setRequireIdentity] = useState(inbox.settings.requireVerifiedIdentity ?? false);
  const [widget, setWidget] = useState(widgetSettingsOf(inbox.settings));
  const [trackPages, setTrackPages] = useState(inbox.settings.trackPages ?? true);
  const [forms, setForms] = useState(formSettingsOf(inbox.settings));
  const [saved, setSaved] = useState(false);
  const { errors, busy, ref, run } = useForm(editorFieldOf);
  const err = errors.fields;
  const id = `inbox-${inbox.id}`;
  const open = inbox.settings.allowedOrigins.length === 0;

  function save(e: Event) {
    e.preventDefault();
    setSaved(false);
    void run(async () => {
      const allowedOrigins = originList(origins);
      // Exactly the fields this form holds, so a save never resets one it does not show.
      const settings = {
        greeting,
        teamName,
        color,
        position,
        allowedOrigins,
        sneakPeek,
        trackPages,
        requireVerifiedIdentity: requireIdentity,
        ...widget,
        ...forms,
      };
      try {
        onSaved(await api.updateInbox(inbox.id, { settings }));
      } catch (error) {
        throw withOrigins(error, allowedOrigins);
      }
      setSaved(true);
    });
  }

  return (
    <form class="inbox-editor" onSubmit={save} aria-label={`Inbox ${inbox.name}`} ref={ref}>
      <h3>
        <span class="swatch" style={{ background: inbox.settings.color }} aria-hidden="true" />
        {inbox.name}
      </h3>
      <CopyField label="Embed snippet" value={embedSnippet(location.origin, inbox.websiteKey)} multiline />
      <div class="form-row">
        <Field id={`${id}-greeting`} label="Greeting" error={err.greeting} class="grow">
          <input {...invalidProps(`${id}-greeting`, err.greeting)} maxLength={500} value={greeting} onInput={(e) => setGreeting(e.currentTarget.value)} />
        </Field>
        <Field id={`${id}-team`} label="Team name" error={err.teamName}>
          <input {...invalidProps(`${id}-team`, err.teamName)} maxLength={100} value={teamName} onInput={(e) => setTeamName(e.currentTarget.value)} />
        </Field>
        <Field id={`${id}-colour`} label="Colour" error={err.color}>
          <span class="color-input">
            <input
              type="color"
              aria-label="Colour picker"
              value={/^#[0-9a-fA-F]{6}$/.test(color) ? color : '#000000'}
              onInput={(e) => setColor(e.currentTarget.value)}
            />
            <input {...invalidProps(`${id}-colour`, err.color)} size={8} value={color} onInput={(e) => setColor(e.currentTarget.value)} />
          </span>
        </Field>
        <Field id={`${id}-position`} label="Position" error={err.position}>
          <select
            {...invalidProps(`${id}-position`, err.position)}
            value={position}
            onChange={(e) => setPosition(e.currentTarget.value as Inbox['settings']['position'])}
          >
            <option value="right">Right</option>
            <option value="left">Left</option>
          </select>
        </Field>
      </div>
      <Field id={`${id}-origins`} label="Allowed origins (one per line)" error={err.origins}>
        <textarea
          {...invalidProps(`${id}-origins`, err.origins, open ? `${id}-open` : undefined)}
          rows={2}
          placeholder="https://shop.example.com"
          value={origins}
          onInput={(e) => setOrigins(e.currentTarget.value)}
        />
      </Field>
      {open && (
        <p class="warning" id={`${id}-open`}>
          Any website can embed this chat and talk to your team through it. Add your site’s address (such as https://shop.example.com) so only your pages can.
        </p>
      )}
      <InboxDefaultTeam id={id} inboxId={inbox.id} value={inbox.defaultTeamId ?? null} />
      <SlaPolicySelect id={id} holder="inboxes" holderId={inbox.id} />
      <SneakPeekField id={id} on={sneakPeek} onChange={setSneakPeek} />
      <TrackPagesField id={id} on={trackPages} onChange={setTrackPages} />
      <InboxWidgetFields id={id} value={widget} defaults={{ greeting, teamName }} errors={err} onChange={setWidget} />
      <InboxFormFields
        id={id}
        value={forms}
        translations={widget.translations}
        errors={err}
        onChange={setForms}
        onTranslations={(translations) => setWidget({ ...widget, translations })}
      />
      <IdentityVerificationField
        id={id}
        inboxId={inbox.id}
        secretSetAt={inbox.identitySecretSetAt ?? null}
        required={requireIdentity}
        onRequiredChange={setRequireIdentity}
        onSecretMade={(at) => onSaved({ ...inbox, identitySecretSetAt: at })}
      />
      <FormAlert message={errors.form} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-sm" disabled={busy}>
          Save inbox
        </button>
        {saved && (
          <span class="muted small" role="status">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}
