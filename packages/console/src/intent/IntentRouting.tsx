/**
 * Settings → Intents, per inbox: the "Route by intent" checkbox and the
 * label -> team mapping (a team per label, or none); saved on each change.
 */
import type { IntentRoute } from '@switchboard/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type Inbox, messageOf } from '../api';
import { cannedApi, type Team } from '../canned/canned-api';
import { useStore } from '../store';
import { intentApi } from './intent-api';

function InboxRouting({ inbox, teams }: { inbox: Inbox; teams: Team[] }) {
  const labels = useStore((s) => s.labels);
  const list = useMemo(() => Object.values(labels).sort((a, b) => a.name.localeCompare(b.name)), [labels]);
  const [enabled, setEnabled] = useState(false);
  const [routes, setRoutes] = useState<IntentRoute[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    intentApi.routing(inbox.id).then(
      (r) => {
        setEnabled(r.enabled);
        setRoutes(r.routes);
      },
      (e) => setError(messageOf(e)),
    );
  }, [inbox.id]);
  const save = async (next: { enabled: boolean; routes: IntentRoute[] }) => {
    setEnabled(next.enabled);
    setRoutes(next.routes);
    setError(null);
    try {
      await intentApi.setRouting(inbox.id, next);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const teamFor = (labelId: string) => routes.find((r) => r.labelId === labelId)?.teamId ?? '';
  const map = (labelId: string, teamId: string) =>
    void save({ enabled, routes: [...routes.filter((r) => r.labelId !== labelId), ...(teamId ? [{ labelId, teamId }] : [])] });
  const id = `intent-routing-${inbox.id}`;
  return (
    <fieldset class="intent-routing">
      <legend>{inbox.name}</legend>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <label>
        <input type="checkbox" checked={enabled} onChange={(e) => void save({ enabled: e.currentTarget.checked, routes })} /> Route by intent
      </label>
      {list.map((l) => (
        <div class="field" key={l.id}>
          <label for={`${id}-${l.id}`}>Team for {l.name}</label>
          <select id={`${id}-${l.id}`} value={teamFor(l.id)} onChange={(e) => map(l.id, e.currentTarget.value)}>
            <option value="">Inbox default</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      ))}
    </fieldset>
  );
}

export function IntentRouting() {
  const [inboxes, setInboxes] = useState<Inbox[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  useEffect(() => {
    api.inboxes().then(
      (r) => setInboxes(r.items),
      () => {},
    );
    cannedApi.teams().then(
      (r) => setTeams(r.items),
      () => {},
    );
  }, []);
  return (
    <section aria-labelledby="intent-routing-title">
      <h3 id="intent-routing-title">Routing by intent</h3>
      <p class="muted">A confident suggested label moves a new conversation to the label's team; otherwise the inbox's default team applies.</p>
      {inboxes.map((inbox) => (
        <InboxRouting key={inbox.id} inbox={inbox} teams={teams} />
      ))}
    </section>
  );
}
