/** The SLA policy of an inbox's or a team's conversations (Settings → Inboxes, Teams); saved when it changes. */
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { dispatch } from '../store';
import { type SlaPolicy, slaApi } from './sla-api';

export function SlaPolicySelect({ id, holder, holderId }: { id: string; holder: 'inboxes' | 'teams'; holderId: string }) {
  const [policies, setPolicies] = useState<SlaPolicy[]>([]);
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    slaApi.list().then(
      (r) => setPolicies(r.policies),
      () => {},
    );
    slaApi.choice(holder, holderId).then(
      (r) => setChosen(r.policyId ?? ''),
      () => {},
    );
  }, [holder, holderId]);
  const save = async (policyId: string) => {
    setChosen(policyId);
    try {
      await slaApi.choose(holder, holderId, policyId || null);
    } catch (err) {
      dispatch({ type: 'notice', message: messageOf(err) });
    }
  };
  return (
    <div class="field">
      <label for={`${id}-sla-policy`}>SLA policy</label>
      <select id={`${id}-sla-policy`} value={chosen} onChange={(e) => void save(e.currentTarget.value)}>
        <option value="">{holder === 'teams' ? 'None: the inbox’s applies' : 'None'}</option>
        {policies.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
