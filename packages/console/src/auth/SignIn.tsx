import { useState } from 'preact/hooks';
import { Field, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { AuthCard } from './AuthCard';
import { signIn } from './session';

const fieldOf = byName('email', 'password');

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, busy, ref, run } = useForm(fieldOf);
  const err = errors.fields;
  return (
    <AuthCard
      title="Sign in to the console"
      submitLabel="Sign in"
      busyLabel="Signing in…"
      busy={busy}
      error={errors.form}
      formRef={ref}
      onSubmit={() => void run(() => signIn(email.trim(), password))}
    >
      <Field id="signin-email" label="Email" error={err.email}>
        <input
          {...invalidProps('signin-email', err.email)}
          type="email"
          autoComplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </Field>
      <Field id="signin-password" label="Password" error={err.password}>
        <input
          {...invalidProps('signin-password', err.password)}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </Field>
    </AuthCard>
  );
}
