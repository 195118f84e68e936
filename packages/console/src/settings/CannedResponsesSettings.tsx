/**
 * Settings → Canned responses (everyone): your personal ones, your teams’
 * and the workspace’s; create, edit and delete what you may change; CSV
 * import (all or nothing: a refused file lists its problems by row) and export.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api';
import { type CannedInput, type CannedResponse, type CannedScope, cannedApi, type ImportResult, type Team } from '../canned/canned-api';
import { useStore } from '../store';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';

const fieldOf = byName('shortcut', 'title', 'body', 'scope', 'teamId');

export function CannedResponsesSettings() {
  const me = useStore((s) => s.me);
  const admin = me?.role === 'owner' || me?.role === 'admin';
  const [items, setItems] = useState<CannedResponse[] | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);

  const load = () =>
    cannedApi.cannedResponses().then(
      (r) => setItems(r.items),
      (err) => setError(messageOf(err)),
    );
  useEffect(() => {
    void load();
    cannedApi.teams().then(
      (r) => setTeams(r.items),
      () => {},
    );
  }, []);

  // Team responses are written by the team's members, and by admins for any team.
  const writableTeams = teams.filter((t) => admin || (me && t.memberIds.includes(me.id)));
  const teamName = (id: string | null) => teams.find((t) => t.id === id)?.name ?? 'a team';
  const scopeText = (c: CannedResponse) => (c.scope === 'team' ? `Team ${teamName(c.teamId)}` : c.scope === 'personal' ? 'Personal' : 'Workspace');

  async function remove(c: CannedResponse) {
    if (!confirm(`Delete the canned response /${c.shortcut}?`)) return;
    try {
      await cannedApi.deleteCanned(c.id);
      setItems((list) => (list ?? []).filter((x) => x.id !== c.id));
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <section class="card" aria-labelledby="canned-title">
      <h2 id="canned-title">Canned responses</h2>
      <p class="muted small">
        Type <kbd>/</kbd> in a reply to insert one. Personal ones are yours alone; team ones are shared with the team; workspace ones with everyone. When two
        you see share a shortcut, yours wins over your team’s, and your team’s over the workspace’s.
      </p>
      <FormAlert message={error} />
      {items === null && !error && <p class="muted">Loading…</p>}
      {items?.length === 0 && <p class="muted">No canned responses yet.</p>}
      {items && items.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Shortcut</th>
              <th scope="col">Title</th>
              <th scope="col">Scope</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td>
                  <code>/{c.shortcut}</code>
                  {c.hiddenBy && <span class="muted small"> (hidden by “{items.find((x) => x.id === c.hiddenBy)?.title ?? 'another'}”)</span>}
                </td>
                <td>{c.title}</td>
                <td>{scopeText(c)}</td>
                <td class="right">
                  {c.canEdit && (
                    <>
                      <button type="button" class="btn btn-ghost btn-sm" onClick={() => setEditing(c)}>
                        Edit /{c.shortcut}
                      </button>
                      <button type="button" class="btn btn-ghost btn-sm" onClick={() => void remove(c)}>
                        Delete /{c.shortcut}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <CannedEditor
          key={editing === 'new' ? 'new' : editing.id}
          current={editing === 'new' ? null : editing}
          admin={admin}
          teams={writableTeams}
          onDone={(saved) => {
            setEditing(null);
            if (saved) void load();
          }}
        />
      ) : (
        <button type="button" class="btn btn-sm" onClick={() => setEditing('new')}>
          New canned response
        </button>
      )}
      <CsvTransfer onImported={() => void load()} />
    </section>
  );
}

function CannedEditor(props: { current: CannedResponse | null; admin: boolean; teams: Team[]; onDone: (saved: boolean) => void }) {
  const c = props.current;
  const [shortcut, setShortcut] = useState(c?.shortcut ?? '');
  const [title, setTitle] = useState(c?.title ?? '');
  const [body, setBody] = useState(c?.body ?? '');
  const [scope, setScope] = useState<CannedScope>(c?.scope ?? 'personal');
  const [teamId, setTeamId] = useState(c?.teamId ?? props.teams[0]?.id ?? '');
  const { errors, busy, ref, run } = useForm(fieldOf);
  const err = errors.fields;
  const id = useId();

  function save(e: Event) {
    e.preventDefault();
    void run(async () => {
      const input: CannedInput = { shortcut: shortcut.trim(), title: title.trim(), body, scope, teamId: scope === 'team' ? teamId || null : null };
      if (c) await cannedApi.updateCanned(c.id, input);
      else await cannedApi.createCanned(input);
      props.onDone(true);
    });
  }

  return (
    <form class="subform" onSubmit={save} ref={ref} aria-label={c ? `Edit /${c.shortcut}` : 'New canned response'}>
      <h3>{c ? `Edit /${c.shortcut}` : 'New canned response'}</h3>
      <div class="form-row">
        <Field id={`${id}-shortcut`} label="Shortcut" error={err.shortcut}>
          <input
            {...invalidProps(`${id}-shortcut`, err.shortcut)}
            required
            maxLength={33}
            placeholder="returns"
            value={shortcut}
            onInput={(e) => setShortcut(e.currentTarget.value)}
          />
        </Field>
        <Field id={`${id}-title`} label="Title" error={err.title} class="grow">
          <input {...invalidProps(`${id}-title`, err.title)} required maxLength={120} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </Field>
        <Field id={`${id}-scope`} label="Who can use it" error={err.scope ?? err.teamId}>
          <select
            {...invalidProps(`${id}-scope`, err.scope ?? err.teamId)}
            value={scope === 'team' ? `team:${teamId}` : scope}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (v.startsWith('team:')) {
                setScope('team');
                setTeamId(v.slice(5));
              } else setScope(v as CannedScope);
            }}
          >
            <option value="personal">Only me</option>
            {props.teams.map((t) => (
              <option key={t.id} value={`team:${t.id}`}>
                Team {t.name}
              </option>
            ))}
            {(props.admin || c?.scope === 'workspace') && <option value="workspace">Everyone in the workspace</option>}
          </select>
        </Field>
      </div>
      <Field id={`${id}-body`} label="Text" error={err.body}>
        <textarea {...invalidProps(`${id}-body`, err.body, `${id}-hint`)} rows={4} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        <span id={`${id}-hint`} class="muted small">
          **bold**, *italic*, lists and links work. Variables: {'{{contact.first_name | there}}'}, {'{{contact.name}}'}, {'{{contact.email}}'},{' '}
          {'{{operator.name}}'}, {'{{operator.first_name}}'}, {'{{inbox.team_name}}'}.
        </span>
      </Field>
      <FormAlert message={errors.form} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-sm" disabled={busy}>
          {c ? 'Save canned response' : 'Create canned response'}
        </button>
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => props.onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type Problem = { row?: number; message: string };

function CsvTransfer({ onImported }: { onImported: () => void }) {
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<{ summary: string; rows: Problem[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function upload(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setResult(null);
    setProblems(null);
    try {
      setResult(await cannedApi.importCanned(file));
      onImported();
    } catch (err) {
      const rows = err instanceof ApiError ? (err.details as Problem[]) : [];
      setProblems({
        summary: rows.length ? `Nothing was imported: ${rows.length === 1 ? 'one row has a problem' : `${rows.length} problems`}.` : messageOf(err),
        rows,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="subform">
      <h3>Import and export</h3>
      <p class="muted small">
        A CSV file with the columns shortcut, title, body, scope (personal, team or workspace) and team (its name). A row whose shortcut is already yours in the
        same place updates it. A file with any bad row imports nothing.
      </p>
      <div class="form-actions">
        <input id={`${id}-file`} class="sr-only" type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void upload(e.currentTarget.files?.[0])} />
        <label class="btn btn-sm" for={`${id}-file`}>
          Import CSV
        </label>
        <a class="btn btn-ghost btn-sm" href={cannedApi.exportUrl} download="canned-responses.csv">
          Export CSV
        </a>
      </div>
      {result && (
        <p class="result" role="status">
          Imported: {result.created} new, {result.updated} updated, {result.unchanged} unchanged.
        </p>
      )}
      {problems && (
        <div class="form-error" role="alert">
          <p>{problems.summary}</p>
          {problems.rows.length > 0 && (
            <ul>
              {problems.rows.map((p) => (
                <li key={p.message}>{p.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
