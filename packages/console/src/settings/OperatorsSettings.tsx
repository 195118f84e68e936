import type { OperatorRole } from '@switchboard/protocol';
import { useMemo, useState } from 'preact/hooks';
import { api, messageOf } from '../api';
import { dispatch, useStore } from '../store';
import { CopyField } from '../ui/CopyField';

export function OperatorsSettings() {
  const operators = useStore((s) => s.operators);
  const me = useStore((s) => s.me);
  const list = useMemo(() => Object.values(operators).sort((a, b) => a.name.localeCompare(b.name)), [operators]);

  async function toggleDisabled(id: string, disabled: boolean) {
    try {
      dispatch({ type: 'operator', operator: await api.updateOperator(id, { disabled }) });
    } catch (err) {
      dispatch({ type: 'notice', message: messageOf(err) });
    }
  }

  return (
    <section class="card" aria-labelledby="operators-title">
      <h2 id="operators-title">Operators</h2>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((o) => (
            <tr key={o.id} class={o.disabled ? 'disabled' : ''}>
              <td>{o.name}</td>
              <td>{o.email}</td>
              <td>{o.role}</td>
              <td>
                <span class={`presence presence-${o.disabled ? 'offline' : o.status}`}>
                  <span class="dot" aria-hidden="true" />
                  {o.disabled ? 'disabled' : o.status}
                </span>
              </td>
              <td class="right">
                {o.id !== me?.id && o.role !== 'owner' && (
                  <button type="button" class="btn btn-ghost btn-sm" onClick={() => void toggleDisabled(o.id, !o.disabled)}>
                    {o.disabled ? `Enable ${o.name}` : `Disable ${o.name}`}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <InviteOperator canGrantOwner={me?.role === 'owner'} />
    </section>
  );
}

function InviteOperator({ canGrantOwner }: { canGrantOwner: boolean }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<OperatorRole>('operator');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ name: string; inviteUrl: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await api.createOperator({ email: email.trim(), name: name.trim(), role, ...(password ? { password } : {}) });
      dispatch({ type: 'operator', operator: r.operator });
      // Without PUBLIC_URL the server gives the path only: this console's own address goes before it.
      setResult({ name: r.operator.name, inviteUrl: r.inviteUrl ?? (r.invitePath ? `${location.origin}${r.invitePath}` : null) });
      setEmail('');
      setName('');
      setPassword('');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="subform" onSubmit={submit}>
      <h3>Add an operator</h3>
      <p class="muted small">Leave the password empty to invite them: you get a link to send, valid once.</p>
      <div class="form-row">
        <label class="field">
          <span>Name</span>
          <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Email address</span>
          <input type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Role</span>
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as OperatorRole)}>
            <option value="operator">Operator</option>
            <option value="admin">Admin</option>
            {canGrantOwner && <option value="owner">Owner</option>}
          </select>
        </label>
        <label class="field">
          <span>Password (optional)</span>
          <input type="password" autoComplete="new-password" minLength={8} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="btn btn-primary btn-sm" disabled={busy}>
        {password ? 'Create operator' : 'Invite operator'}
      </button>
      {result && (
        <div class="result" role="status">
          {result.inviteUrl ? (
            <>
              <p>{result.name} is invited. Send them this link to choose a password:</p>
              <CopyField label="Invite link" value={result.inviteUrl} />
            </>
          ) : (
            <p>{result.name} can sign in now.</p>
          )}
        </div>
      )}
    </form>
  );
}
