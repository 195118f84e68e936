import { useState } from 'preact/hooks';
import { api, messageOf } from '../api';
import { navigate } from '../router';
import { signIn } from './session';

/** #/invite/<token>: a new operator chooses a password (and their name), then is signed in. */
export function AcceptInvite({ token }: { token: string }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (password.length < 8) {
      setError('Choose a password of at least 8 characters.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const operator = await api.acceptInvite(token, password, name.trim() || undefined);
      await signIn(operator.email, password);
      navigate({ name: 'inbox' });
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <main class="auth">
      <form class="auth-card" onSubmit={submit}>
        <div class="brand brand-lg" aria-hidden="true">
          <span class="brand-mark">S</span> Switchboard
        </div>
        <h1>Join your team</h1>
        <p class="muted">You were invited to answer visitors in Switchboard. Choose a password to finish.</p>
        <label class="field">
          <span>Your name</span>
          <input autoComplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Password</span>
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button class="btn btn-primary btn-block" type="submit" disabled={busy}>
          {busy ? 'Joining…' : 'Accept invite'}
        </button>
        <p class="muted small">
          Already have an account? <a href="#/inbox">Sign in</a>
        </p>
      </form>
    </main>
  );
}
