import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { inputOf, type LanguageModelSettings as Settings, languageModelApi, type TestResult, USES, type Use } from './language-model-api';

const fieldOf = byName('endpointUrl', 'model', 'apiKey', 'timeoutMs', 'uses');

/**
 * Settings → Language model (owners and admins): an optional OpenAI-compatible endpoint that drafts suggestions,
 * summaries and virtual-agent answers from retrieved passages. The key is write-only: once stored, the page only
 * says so.
 */
export function LanguageModelSettings() {
  const [saved, setSaved] = useState<Settings | null>(null);
  const [endpointUrl, setEndpointUrl] = useState('');
  const [model, setModel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [timeoutS, setTimeoutS] = useState('10');
  const [uses, setUses] = useState<Use[]>(['suggest', 'summary', 'agent']);
  const [allowPrivate, setAllowPrivate] = useState(false);
  const [test, setTest] = useState<TestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm(fieldOf);

  function show(s: Settings) {
    setSaved(s);
    setEndpointUrl(s.endpointUrl);
    setModel(s.model);
    setTimeoutS(String(s.timeoutMs / 1000));
    setUses(s.uses);
    setAllowPrivate(s.allowPrivateAddresses);
    setApiKey('');
  }

  useEffect(() => {
    languageModelApi
      .get()
      .then(show)
      .catch((err) => setError(messageOf(err)));
  }, []);

  function submit(e: Event) {
    e.preventDefault();
    setTest(null);
    void form.run(async () => {
      const key = apiKey.trim();
      show(
        await languageModelApi.save({
          endpointUrl: endpointUrl.trim(),
          model: model.trim(),
          ...(key ? { apiKey: key } : {}),
          timeoutMs: Math.round(Number(timeoutS) * 1000),
          uses,
          allowPrivateAddresses: allowPrivate,
        }),
      );
    });
  }

  async function act(task: () => Promise<void>) {
    setError(null);
    try {
      await task();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  async function runTest() {
    setTesting(true);
    setTest(null);
    await act(async () => setTest(await languageModelApi.test()));
    setTesting(false);
  }

  return (
    <section class="card" aria-labelledby="language-model-title">
      <h2 id="language-model-title">Language model</h2>
      <p class="muted small">
        Optional. Any OpenAI-compatible chat completions endpoint, a local server included, can draft reply suggestions, summaries and the virtual agent’s
        answers from the passages Switchboard retrieves; answers that cite none of them are dropped, and when it fails or is slow the on-premise answer is used.
        Nothing is sent anywhere until one is saved here.
      </p>
      <FormAlert message={error} />
      <form class="subform" onSubmit={submit} ref={form.ref} aria-label="Language model settings">
        <Field id="lm-endpoint" label="Endpoint URL" error={form.errors.fields.endpointUrl}>
          <input
            {...invalidProps('lm-endpoint', form.errors.fields.endpointUrl)}
            type="url"
            required
            placeholder="https://api.openai.com/v1 or http://localhost:11434/v1"
            value={endpointUrl}
            onInput={(e) => setEndpointUrl(e.currentTarget.value)}
          />
        </Field>
        <Field id="lm-model" label="Model" error={form.errors.fields.model}>
          <input
            {...invalidProps('lm-model', form.errors.fields.model)}
            required
            maxLength={200}
            placeholder="gpt-4o-mini"
            value={model}
            onInput={(e) => setModel(e.currentTarget.value)}
          />
        </Field>
        <Field id="lm-key" label="API key" error={form.errors.fields.apiKey}>
          <input
            {...invalidProps('lm-key', form.errors.fields.apiKey)}
            type="password"
            autoComplete="off"
            maxLength={1000}
            placeholder={saved?.hasKey ? 'Leave empty to keep the stored key' : 'None needed for a local server'}
            value={apiKey}
            onInput={(e) => setApiKey(e.currentTarget.value)}
          />
        </Field>
        {saved?.hasKey && (
          <p class="form-inline">
            <span role="status">A key is stored</span>{' '}
            <button
              type="button"
              class="btn btn-ghost btn-sm"
              onClick={() => void act(async () => show(await languageModelApi.save({ ...inputOf(saved), apiKey: null })))}
            >
              Remove key
            </button>
          </p>
        )}
        <Field id="lm-timeout" label="Timeout (seconds)" error={form.errors.fields.timeoutMs}>
          <input
            {...invalidProps('lm-timeout', form.errors.fields.timeoutMs)}
            type="number"
            min={1}
            max={60}
            step={1}
            value={timeoutS}
            onInput={(e) => setTimeoutS(e.currentTarget.value)}
          />
        </Field>
        <label class="checkbox">
          <input type="checkbox" checked={allowPrivate} onChange={(e) => setAllowPrivate(e.currentTarget.checked)} /> Allow private addresses
        </label>
        <p class="muted small">Needed for a server on this machine or your network; off, private, loopback and link-local addresses are refused.</p>
        <fieldset>
          <legend>Uses</legend>
          {USES.map(({ use, label }) => (
            <label class="checkbox" key={use}>
              <input
                type="checkbox"
                checked={uses.includes(use)}
                onChange={(e) => setUses((all) => (e.currentTarget.checked ? [...all, use] : all.filter((u) => u !== use)))}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <FormAlert message={form.errors.form ?? form.errors.fields.uses ?? null} />
        <button type="submit" class="btn btn-sm" disabled={form.busy}>
          Save
        </button>
      </form>
      {saved?.configured && (
        <div class="form-inline">
          <button type="button" class="btn btn-sm" disabled={testing} onClick={() => void runTest()}>
            Test connection
          </button>
          <button
            type="button"
            class="btn btn-ghost btn-sm"
            onClick={() => {
              if (window.confirm('Remove the language model and its key? Nothing will be sent to it any more.'))
                void act(async () => {
                  await languageModelApi.remove();
                  show((await languageModelApi.get()) as Settings);
                  setTest(null);
                });
            }}
          >
            Remove language model
          </button>
        </div>
      )}
      {test && (
        <p role="status" class={test.ok ? undefined : 'warning'}>
          {test.ok ? `Connected: ${test.message}.` : `Failed (${test.code}): ${test.message}`}
          {test.answer && <span class="muted"> — “{test.answer}”</span>}
        </p>
      )}
    </section>
  );
}
