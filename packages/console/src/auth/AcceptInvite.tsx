import { useState } from 'preact/hooks';
import { api, fieldError } from '../api';
import { navigate } from '../router';
import { Field, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { AuthCard } from './AuthCard';
import { signIn } from './session';

const fieldOf = byName('name', 'password');

/** #/invite/<token>: a new operator chooses a password (and their name), then is signed in. */
export function AcceptInvite({ token }: { token: string }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { errors, busy, ref, run } = useForm(fieldOf);
  const err = errors.fields;

  async function accept() {
    if (password.length < 8) throw fieldError('password', 'Choose a password of at least 8 characters.');
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
      busy={busy}
      error={errors.form}
      formRef={ref}
      onSubmit={() => void run(accept)}
      footer={
        <p class="muted small">
          Already have an account? <a href="#/inbox">Sign in</a>
        </p>
      }
    >
      <Field id="invite-name" label="Your name" error={err.name}>
        <input {...invalidProps('invite-name', err.name)} autoComplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field id="invite-password" label="Password" error={err.password}>
        <input
          {...invalidProps('invite-password', err.password)}
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </Field>
    </AuthCard>
  );
}
