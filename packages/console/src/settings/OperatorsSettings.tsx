import type { OperatorRole } from '@switchboard/protocol';
import { useId, useMemo, useState } from 'preact/hooks';
import { OperatorCapacity } from '../routing/OperatorCapacity';
import { api, inviteLinkOf, messageOf } from '../api';
import { dispatch, useStore } from '../store';
import { CopyField } from '../ui/CopyField';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { OperatorShifts } from '../hours/OperatorShifts';

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
            <th scope="col">Capacity</th>
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
              <td>{me?.role === 'operator' ? null : <OperatorCapacity operatorId={o.id} name={o.name} />}</td>
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
      <OperatorShifts operators={list} />
    </section>
  );
}

const inviteFieldOf = byName('name', 'email', 'role', 'password');

function InviteOperator({ canGrantOwner }: { canGrantOwner: boolean }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<OperatorRole>('operator');
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<{ name: string; inviteLink: string | null } | null>(null);
  const { errors, busy, ref, run } = useForm(inviteFieldOf);
  const err = errors.fields;
  const id = useId();

  function submit(e: Event) {
    e.preventDefault();
    setResult(null);
    void run(async () => {
      const r = await api.createOperator({ email: email.trim(), name: name.trim(), role, ...(password ? { password } : {}) });
      dispatch({ type: 'operator', operator: r.operator });
      setResult({ name: r.operator.name, inviteLink: inviteLinkOf(r, location.origin) });
      setEmail('');
      setName('');
      setPassword('');
    });
  }

  return (
    <form class="subform" onSubmit={submit} ref={ref}>
      <h3>Add an operator</h3>
      <p class="muted small">Leave the password empty to invite them: you get a link to send, valid once.</p>
      <div class="form-row">
        <Field id={`${id}-name`} label="Name" error={err.name}>
          <input {...invalidProps(`${id}-name`, err.name)} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id={`${id}-email`} label="Email address" error={err.email}>
          <input {...invalidProps(`${id}-email`, err.email)} type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <Field id={`${id}-role`} label="Role" error={err.role}>
          <select {...invalidProps(`${id}-role`, err.role)} value={role} onChange={(e) => setRole(e.currentTarget.value as OperatorRole)}>
            <option value="operator">Operator</option>
            <option value="supervisor">Supervisor</option>
            <option value="admin">Admin</option>
            {canGrantOwner && <option value="owner">Owner</option>}
          </select>
        </Field>
        <Field id={`${id}-password`} label="Password (optional)" error={err.password}>
          <input
            {...invalidProps(`${id}-password`, err.password)}
            type="password"
            autoComplete="new-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
      </div>
      <FormAlert message={errors.form} />
      <button type="submit" class="btn btn-primary btn-sm" disabled={busy}>
        {password ? 'Create operator' : 'Invite operator'}
      </button>
      {result && (
        <div class="result" role="status">
          {result.inviteLink ? (
            <>
              <p>{result.name} is invited. Send them this link to choose a password:</p>
              <CopyField label="Invite link" value={result.inviteLink} />
            </>
          ) : (
            <p>{result.name} can sign in now.</p>
          )}
        </div>
      )}
    </form>
  );
}
