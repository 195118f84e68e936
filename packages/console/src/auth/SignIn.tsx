import { useState } from 'preact/hooks';
import { AuthCard } from './AuthCard';
import { signIn } from './session';

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  return (
    <AuthCard title="Sign in to the console" submitLabel="Sign in" busyLabel="Signing in…" onSubmit={() => signIn(email.trim(), password)}>
      <label class="field">
        <span>Email</span>
        <input type="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Password</span>
        <input type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
    </AuthCard>
  );
}
