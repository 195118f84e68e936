/** Settings → Operators: an operator's own capacity (empty: their teams' default), saved when it changes. */
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { dispatch } from '../store';
import { routingApi } from './routing-api';

export function OperatorCapacity({ operatorId, name }: { operatorId: string; name: string }) {
  const [value, setValue] = useState('');
  useEffect(() => {
    routingApi.capacity(operatorId).then(
      (r) => setValue(r.capacity === null ? '' : String(r.capacity)),
      () => {},
    );
  }, [operatorId]);
  const save = async (raw: string) => {
    try {
      await routingApi.setCapacity(operatorId, raw.trim() === '' ? null : Number(raw));
    } catch (err) {
      dispatch({ type: 'notice', message: messageOf(err) });
    }
  };
  return (
    <input
      class="capacity-input"
      type="number"
      min={0}
      max={100}
      placeholder="Team default"
      aria-label={`Capacity of ${name}`}
      value={value}
      onInput={(e) => setValue(e.currentTarget.value)}
      onChange={(e) => void save(e.currentTarget.value)}
    />
  );
}
