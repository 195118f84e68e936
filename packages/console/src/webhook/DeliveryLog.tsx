import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { FormAlert } from '../ui/Field';
import { fullTime } from '../ui/time';
import { type Delivery, type Endpoint, webhookApi } from './webhook-api';

const STATE: Record<Delivery['state'], string> = { pending: 'Retrying', succeeded: 'Delivered', failed: 'Failed' };

/** An endpoint's (or a bot's) delivery log: each event sent, every attempt with the answer, and Resend for endpoints. */
export function DeliveryLog({ endpoint, bot = false }: { endpoint: Pick<Endpoint, 'id' | 'url'>; bot?: boolean }) {
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    setError(null);
    try {
      setItems((await (bot ? webhookApi.botDeliveries(endpoint.id) : webhookApi.deliveries(endpoint.id))).items);
    } catch (err) {
      setError(messageOf(err));
    }
  }
  useEffect(() => {
    void load();
  }, [endpoint.id]);

  async function resend(d: Delivery) {
    setBusy(true);
    try {
      await webhookApi.resend(endpoint.id, d.id);
      await load();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="delivery-log" aria-label={`Delivery log of ${endpoint.url}`}>
      <div class="form-inline">
        <h4>Delivery log</h4>
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => void load()}>
          Refresh log
        </button>
      </div>
      <FormAlert message={error} />
      {items && items.length === 0 && <p class="muted small">Nothing sent yet.</p>}
      {items && items.length > 0 && (
        <ul class="plain-list">
          {items.map((d) => {
            const last = d.log[0];
            return (
              <li key={`${d.id}-${d.attempts}`} class="delivery">
                <details>
                  <summary>
                    <strong>{d.eventType}</strong> · {STATE[d.state]} · {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
                    {last?.statusCode != null && ` · HTTP ${last.statusCode}`} · <time>{fullTime(d.createdAt)}</time>
                  </summary>
                  {d.nextAttemptAt !== null && <p class="small">Next attempt {fullTime(d.nextAttemptAt)}.</p>}
                  <ol class="plain-list">
                    {d.log.map((a) => (
                      <li key={a.attempt} class="attempt">
                        <p class="small">
                          Attempt {a.attempt}, {fullTime(a.at)}: {a.statusCode !== null ? `HTTP ${a.statusCode}` : 'no answer'} in {a.durationMs} ms
                          {a.error && ` — ${a.error}`}
                        </p>
                        {a.responseBody && (
                          <pre class="response-body" title={`Response to attempt ${a.attempt}`}>
                            {a.responseBody}
                          </pre>
                        )}
                      </li>
                    ))}
                  </ol>
                  {!bot && (
                    <button type="button" class="btn btn-sm" disabled={busy} onClick={() => void resend(d)}>
                      Resend
                    </button>
                  )}
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
