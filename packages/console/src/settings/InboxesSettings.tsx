import { useEffect, useState } from 'preact/hooks';
import { api, messageOf, type Inbox } from '../api';
import { CopyField } from '../ui/CopyField';

export function embedSnippet(origin: string, websiteKey: string): string {
  return `<script src="${origin}/widget.js" data-website-key="${websiteKey}" async></script>`;
}

export function InboxesSettings() {
  const [inboxes, setInboxes] = useState<Inbox[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');

  useEffect(() => {
    api.inboxes().then(
      (r) => setInboxes(r.items),
      (err) => setError(messageOf(err)),
    );
  }, []);

  async function create(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      const inbox = await api.createInbox(name.trim());
      setInboxes([...(inboxes ?? []), inbox]);
      setName('');
    } catch (err) {
      setError(messageOf(err));
    }
  }

  const replace = (next: Inbox) => setInboxes((list) => (list ?? []).map((i) => (i.id === next.id ? next : i)));

  return (
    <section class="card" aria-labelledby="inboxes-title">
      <h2 id="inboxes-title">Inboxes</h2>
      <p class="muted small">Each website inbox has its own chat widget. Paste its snippet before the closing &lt;/body&gt; tag of your site.</p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {inboxes === null && !error && <p class="muted">Loading…</p>}
      {inboxes?.map((inbox) => (
        <InboxEditor key={inbox.id} inbox={inbox} onSaved={replace} />
      ))}
      <form class="subform form-inline" onSubmit={create}>
        <label class="field">
          <span>New inbox name</span>
          <input required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn btn-sm">
          Create inbox
        </button>
      </form>
    </section>
  );
}

function InboxEditor({ inbox, onSaved }: { inbox: Inbox; onSaved: (i: Inbox) => void }) {
  const [greeting, setGreeting] = useState(inbox.settings.greeting);
  const [teamName, setTeamName] = useState(inbox.settings.teamName);
  const [color, setColor] = useState(inbox.settings.color);
  const [origins, setOrigins] = useState(inbox.settings.allowedOrigins.join('\n'));
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: boolean }>({ busy: false, error: null, saved: false });
  const key = inbox.id;

  async function save(e: Event) {
    e.preventDefault();
    setState({ busy: true, error: null, saved: false });
    try {
      const allowedOrigins = origins
        .split(/[\s,]+/)
        .map((o) => o.trim())
        .filter(Boolean);
      onSaved(await api.updateInbox(inbox.id, { settings: { greeting, teamName, color, allowedOrigins } }));
      setState({ busy: false, error: null, saved: true });
    } catch (err) {
      setState({ busy: false, error: messageOf(err), saved: false });
    }
  }

  return (
    <form class="inbox-editor" onSubmit={save} aria-label={`Inbox ${inbox.name}`}>
      <h3>
        <span class="swatch" style={{ background: inbox.settings.color }} aria-hidden="true" />
        {inbox.name}
      </h3>
      <CopyField label="Embed snippet" value={embedSnippet(location.origin, inbox.websiteKey)} multiline />
      <div class="form-row">
        <label class="field grow">
          <span>Greeting</span>
          <input maxLength={500} value={greeting} onInput={(e) => setGreeting(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Team name</span>
          <input maxLength={100} value={teamName} onInput={(e) => setTeamName(e.currentTarget.value)} />
        </label>
        <div class="field">
          <span id={`colour-${key}`}>Colour</span>
          <span class="color-input">
            <input type="color" aria-label="Colour picker" value={color} onInput={(e) => setColor(e.currentTarget.value)} />
            <input aria-labelledby={`colour-${key}`} pattern="#[0-9a-fA-F]{6}" size={8} value={color} onInput={(e) => setColor(e.currentTarget.value)} />
          </span>
        </div>
      </div>
      <label class="field">
        <span>Allowed origins (one per line; empty allows any site)</span>
        <textarea rows={2} placeholder="https://shop.example.com" value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} />
      </label>
      {state.error && (
        <p class="form-error" role="alert">
          {state.error}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-sm" disabled={state.busy}>
          Save inbox
        </button>
        {state.saved && (
          <span class="muted small" role="status">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}
