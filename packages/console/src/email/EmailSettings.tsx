/**
 * Settings → Email (admins): the SMTP server outgoing mail goes through, who
 * it comes from, the domain of reply addresses, and how long a visitor who
 * left has to see a reply before it goes by mail. The password is never shown:
 * "set" says there is one; typing a new one replaces it.
 */
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { Field, FormAlert } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { type EmailSettings as Settings, type EmailSettingsInput, emailApi, type SmtpSecurity } from './email-api';

const fieldOf = byName('smtpHost', 'smtpPort', 'smtpSecurity', 'smtpUser', 'smtpPassword', 'fromAddress', 'fromName', 'replyDomain', 'unseenDelayMinutes');
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function EmailSettings() {
  const [saved, setSaved] = useState<Settings | null>(null);
  const [v, setV] = useState({ host: '', port: '', security: 'starttls' as SmtpSecurity, user: '', password: '', from: '', name: '', domain: '', delay: '10' });
  const [notice, setNotice] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; text: string } | null>(null);
  const [testing, setTesting] = useState(false);
  const saving = useForm(fieldOf);
  const show = (s: Settings) => {
    setSaved(s);
    setV({
      host: s.smtpHost ?? '',
      port: s.smtpPort === null ? '' : String(s.smtpPort),
      security: s.smtpSecurity,
      user: s.smtpUser ?? '',
      password: '',
      from: s.fromAddress ?? '',
      name: s.fromName ?? '',
      domain: s.replyDomain ?? '',
      delay: String(s.unseenDelayMinutes),
    });
  };
  useEffect(() => {
    emailApi.settings().then(show, (err) => setNotice(messageOf(err)));
  }, []);
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));

  function save(e: Event) {
    e.preventDefault();
    setNotice(null);
    void saving.run(async () => {
      const input: EmailSettingsInput = {
        smtpHost: orNull(v.host),
        smtpPort: v.port.trim() === '' ? null : Number(v.port),
        smtpSecurity: v.security,
        smtpUser: orNull(v.user),
        fromAddress: orNull(v.from),
        fromName: orNull(v.name),
        replyDomain: orNull(v.domain),
        unseenDelayMinutes: Number(v.delay),
      };
      if (v.password !== '') input.smtpPassword = v.password;
      show(await emailApi.save(input));
      setNotice('Email settings saved');
    });
  }
  async function removePassword() {
    await saving.run(async () => {
      show(await emailApi.save({ smtpPassword: null }));
      setNotice('Password removed');
    });
  }
  async function sendTest() {
    setTesting(true);
    setTest(null);
    try {
      const r = await emailApi.test();
      setTest(r.sent ? { ok: true, text: `Test email sent to ${r.recipient}` } : { ok: false, text: `The test email was not sent: ${r.error}` });
    } catch (err) {
      setTest({ ok: false, text: messageOf(err) });
    } finally {
      setTesting(false);
    }
  }

  return (
    <section class="card" aria-labelledby="email-title">
      <h2 id="email-title">Email</h2>
      <p class="muted small">
        Replies to offline messages and email conversations, replies a visitor who left has not seen, transcripts and notices go out through this SMTP server.
      </p>
      {saved === null ? (
        notice ? (
          <FormAlert message={notice} />
        ) : (
          <p class="muted">Loading…</p>
        )
      ) : (
        <form class="form-inline email-settings" onSubmit={save} ref={saving.ref} aria-label="Email settings">
          <Field id="email-host" label="SMTP host" error={saving.errors.fields.smtpHost}>
            <input id="email-host" value={v.host} placeholder="smtp.example.com" onInput={(e) => set({ host: e.currentTarget.value })} />
          </Field>
          <Field id="email-port" label="Port" error={saving.errors.fields.smtpPort}>
            <input id="email-port" type="number" min={1} max={65535} value={v.port} placeholder="587" onInput={(e) => set({ port: e.currentTarget.value })} />
          </Field>
          <Field id="email-security" label="Security" error={saving.errors.fields.smtpSecurity}>
            <select id="email-security" value={v.security} onChange={(e) => set({ security: e.currentTarget.value as SmtpSecurity })}>
              <option value="starttls">STARTTLS (port 587)</option>
              <option value="tls">TLS (port 465)</option>
              <option value="none">None (port 25)</option>
            </select>
          </Field>
          <Field id="email-user" label="User name" error={saving.errors.fields.smtpUser}>
            <input id="email-user" autoComplete="off" value={v.user} onInput={(e) => set({ user: e.currentTarget.value })} />
          </Field>
          <Field id="email-password" label={`Password${saved?.passwordSet ? ' (set)' : ''}`} error={saving.errors.fields.smtpPassword}>
            <input
              id="email-password"
              type="password"
              autoComplete="new-password"
              value={v.password}
              placeholder={saved?.passwordSet ? 'Set; type to replace' : ''}
              onInput={(e) => set({ password: e.currentTarget.value })}
            />
          </Field>
          <Field id="email-from" label="From address" error={saving.errors.fields.fromAddress}>
            <input id="email-from" type="email" value={v.from} placeholder="support@example.com" onInput={(e) => set({ from: e.currentTarget.value })} />
          </Field>
          <Field id="email-name" label="From name" error={saving.errors.fields.fromName}>
            <input id="email-name" value={v.name} maxLength={120} onInput={(e) => set({ name: e.currentTarget.value })} />
          </Field>
          <Field id="email-domain" label="Reply domain" error={saving.errors.fields.replyDomain}>
            <input id="email-domain" value={v.domain} placeholder="reply.example.com" onInput={(e) => set({ domain: e.currentTarget.value })} />
          </Field>
          <Field id="email-delay" label="Mail unseen replies after (minutes)" error={saving.errors.fields.unseenDelayMinutes}>
            <input id="email-delay" type="number" min={1} max={10080} value={v.delay} onInput={(e) => set({ delay: e.currentTarget.value })} />
          </Field>
          <button type="submit" class="btn btn-sm" disabled={saving.busy}>
            Save email settings
          </button>
          {saved?.passwordSet && (
            <button type="button" class="btn btn-ghost btn-sm" disabled={saving.busy} onClick={() => void removePassword()}>
              Remove password
            </button>
          )}
          <button type="button" class="btn btn-sm" disabled={testing || !saved?.configured} onClick={() => void sendTest()}>
            Send test email
          </button>
          <FormAlert message={saving.errors.form} />
        </form>
      )}
      {saved && notice && (
        <p class="muted small" role="status">
          {notice}
        </p>
      )}
      {test &&
        (test.ok ? (
          <p class="muted small" role="status">
            {test.text}
          </p>
        ) : (
          <p class="form-error" role="alert">
            {test.text}
          </p>
        ))}
    </section>
  );
}
