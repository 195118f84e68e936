import { useEffect, useId, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { CopyField } from '../ui/CopyField';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { type ApiToken, apiTokensApi } from './api-token-api';

type Access = 'none' | 'read' | 'write';
const fieldOf = byName('name', 'scopes');
const when = (at: number | null) => (at === null ? 'Never' : new Date(at).toLocaleString());
const resourceLabel = (r: string) => (r === 'sla' ? 'SLA' : r.charAt(0).toUpperCase() + r.slice(1).replace(/-/g, ' '));

/** Settings → API (owners and admins): the workspace's API tokens, their scopes, and when each was last used. */
export function ApiTokensSettings() {
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [resources, setResources] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    apiTokensApi.list().then(
      (r) => {
        setTokens(r.items);
        setResources(r.resources);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, []);

  async function revoke(t: ApiToken) {
    if (!window.confirm(`Revoke the API token ${t.name}? Whatever uses it stops working at once.`)) return;
    setError(null);
    try {
      await apiTokensApi.revoke(t.id);
      setTokens((all) => all.filter((x) => x.id !== t.id));
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section class="card" aria-labelledby="api-title">
      <h2 id="api-title">API</h2>
      <p class="muted small">
        API tokens let your own systems call Switchboard’s REST API (<a href="/api/openapi.json">the API document</a>) as{' '}
        <code>Authorization: Bearer sb_…</code>. A token acts as the admin who created it, within the scopes you choose.
      </p>
      <FormAlert message={error} />
      {tokens.length === 0 ? (
        <p class="muted">No API tokens yet.</p>
      ) : (
        <table class="table" aria-label="API tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scopes</th>
              <th scope="col">Token</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.scopes.join(', ')}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{when(t.createdAt)}</td>
                <td>{when(t.lastUsedAt)}</td>
                <td class="right">
                  <button type="button" class="btn btn-ghost btn-sm" aria-label={`Revoke ${t.name}`} onClick={() => void revoke(t)}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewApiToken resources={resources} onCreated={(t) => setTokens((all) => [t, ...all])} />
    </section>
  );
}

function NewApiToken({ resources, onCreated }: { resources: string[]; onCreated: (t: ApiToken) => void }) {
  const [name, setName] = useState('');
  const [access, setAccess] = useState<Record<string, Access>>({});
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const { errors, busy, ref, run } = useForm(fieldOf);
  const id = useId();

  function submit(e: Event) {
    e.preventDefault();
    setCreated(null);
    void run(async () => {
      const scopes = Object.entries(access).flatMap(([r, a]) => (a === 'none' ? [] : [`${r}:${a}`]));
      const r = await apiTokensApi.create({ name: name.trim(), scopes });
      onCreated(r.apiToken);
      setCreated({ name: r.apiToken.name, token: r.token });
      setName('');
      setAccess({});
    });
  }

  return (
    <form class="subform" onSubmit={submit} ref={ref}>
      <h3>Create an API token</h3>
      <Field id={`${id}-name`} label="Token name" error={errors.fields.name}>
        <input
          {...invalidProps(`${id}-name`, errors.fields.name)}
          required
          maxLength={100}
          placeholder="CRM sync"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </Field>
      <fieldset class="api-scopes">
        <legend>Scopes (write includes read)</legend>
        <div class="form-row">
          {resources.map((r) => (
            <Field key={r} id={`${id}-${r}`} label={resourceLabel(r)} error={undefined}>
              <select value={access[r] ?? 'none'} id={`${id}-${r}`} onChange={(e) => setAccess({ ...access, [r]: e.currentTarget.value as Access })}>
                <option value="none">No access</option>
                <option value="read">Read</option>
                <option value="write">Read and write</option>
              </select>
            </Field>
          ))}
        </div>
        {errors.fields.scopes && (
          <p class="field-error" role="alert">
            {errors.fields.scopes}
          </p>
        )}
      </fieldset>
      <FormAlert message={errors.form} />
      <button type="submit" class="btn btn-primary btn-sm" disabled={busy}>
        Create token
      </button>
      {created && (
        <div class="result" role="status">
          <p>The token {created.name} is ready. Copy it now: it is shown only this once.</p>
          <CopyField label="Token" value={created.token} />
          <button type="button" class="btn btn-sm" onClick={() => setCreated(null)}>
            Done, I copied it
          </button>
        </div>
      )}
    </form>
  );
}
