/**
 * Settings → Intents (owners, admins): "Train model" starts a training run
 * (its progress bar follows the `intentTraining` frames, and the run's GET as
 * a fallback), the list of versions with their held-out accuracy, threshold
 * and an "Activate" button each (rollback), and per inbox routing by intent.
 */
import type { IntentModelDto, IntentTrainingDto } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { onServerFrame } from '../realtime/connection';
import { IntentRouting } from './IntentRouting';
import { intentApi, percent } from './intent-api';

const busy = (t: IntentTrainingDto | null) => t?.status === 'queued' || t?.status === 'running';

export function IntentsSettings() {
  const [versions, setVersions] = useState<IntentModelDto[]>([]);
  const [training, setTraining] = useState<IntentTrainingDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = () => setTick((n) => n + 1);

  useEffect(() => {
    intentApi.versions().then(
      (r) => {
        setVersions(r.items);
        setTraining(r.training);
      },
      (e) => setError(messageOf(e)),
    );
  }, [tick]);
  useEffect(
    () =>
      onServerFrame((f) => {
        if (f.type !== 'intentTraining') return;
        setTraining(f.training);
        if (!busy(f.training)) reload();
      }),
    [],
  );
  // A frame may be missed (a reconnect): the run's own state, every few seconds while it runs.
  useEffect(() => {
    if (!training || !busy(training)) return;
    const timer = setInterval(() => {
      intentApi.training(training.id).then(
        (t) => {
          setTraining(t);
          if (!busy(t)) reload();
        },
        () => {},
      );
    }, 3000);
    return () => clearInterval(timer);
  }, [training?.id, busy(training)]);

  const train = async () => {
    setError(null);
    try {
      setTraining(await intentApi.train());
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const activate = async (id: string) => {
    setError(null);
    try {
      await intentApi.activate(id);
      reload();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section class="card" aria-labelledby="intents-title">
      <h2 id="intents-title">Intents</h2>
      <p class="muted">
        The intent model learns from conversations operators labelled (the visitor's first messages); each new conversation gets a suggested label, or none
        below the threshold.
      </p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" onClick={() => void train()} disabled={busy(training)}>
        Train model
      </button>
      {training && busy(training) && (
        <div class="intent-training">
          <div role="progressbar" aria-label="Training progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={training.percent} class="intent-progress">
            <div class="intent-progress-bar" style={{ width: `${training.percent}%` }} />
          </div>
          <span>{training.stage ?? 'Waiting to start'}</span>
        </div>
      )}
      {training?.status === 'failed' && <p role="status">Training failed: {training.error}</p>}
      {versions.length === 0 ? (
        <p>No model trained yet.</p>
      ) : (
        <table aria-label="Intent model versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Labels</th>
              <th scope="col">Accuracy</th>
              <th scope="col">Threshold</th>
              <th scope="col">Trained</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <td>
                  Version {v.version}
                  {v.active && ' (active)'}
                </td>
                <td>
                  {v.labels.map((l) => `${l.name} (${l.examples})`).join(', ')}
                  {v.skipped.length > 0 && <div class="muted">Too few examples: {v.skipped.map((l) => `${l.name} (${l.examples})`).join(', ')}</div>}
                </td>
                <td>{v.accuracy === null ? '–' : percent(v.accuracy)}</td>
                <td>{percent(v.threshold)}</td>
                <td>
                  {new Date(v.createdAt).toLocaleString()}
                  {v.createdBy && ` by ${v.createdBy}`}
                </td>
                <td>
                  {!v.active && (
                    <button type="button" onClick={() => void activate(v.id)}>
                      Activate
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <IntentRouting />
    </section>
  );
}
