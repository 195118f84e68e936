import { useState } from 'preact/hooks';
import { api } from '../api';
import { navigate } from '../router';
import { AuthCard } from './AuthCard';
import { signIn } from './session';

/** #/invite/<token>: a new operator chooses a password (and their name), then is signed in. */
export function AcceptInvite({ token }: { token: string }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  async function accept() {
    if (password.length < 8) throw new Error('Choose a password of at least 8 characters.');
    const operator = await api.acceptInvite(token, password, name.trim() || undefined);
    await signIn(operator.email, password);
    navigate({ name: 'inbox' });
  }

  return (
    <AuthCard
      title="Join your team"
      intro="You were invited to answer visitors in Switchboard. Choose a password to finish."
      submitLabel="Accept invite"
      busyLabel="Joining…"
      onSubmit={accept}
      footer={
        <p class="muted small">
          Already have an account? <a href="#/inbox">Sign in</a>
        </p>
      }
    >
      <label class="field">
        <span>Your name</span>
        <input autoComplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Password</span>
        <input type="password" autoComplete="new-password" required minLength={8} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
    </AuthCard>
  );
}
