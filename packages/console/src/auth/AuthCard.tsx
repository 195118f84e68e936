import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { messageOf } from '../api';

/**
 * The card shared by the sign-in and invite screens: brand, title, fields,
 * one submit button, and the error of the last attempt in an alert. `onSubmit`
 * throws to show a message; the button stays busy while it runs.
 */
export function AuthCard(props: {
  title: string;
  intro?: string;
  submitLabel: string;
  busyLabel: string;
  onSubmit: () => Promise<void>;
  children: ComponentChildren;
  footer?: ComponentChildren;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <main class="auth">
      <form class="auth-card" onSubmit={submit}>
        <div class="brand brand-lg" aria-hidden="true">
          <span class="brand-mark">S</span> Switchboard
        </div>
        <h1>{props.title}</h1>
        {props.intro && <p class="muted">{props.intro}</p>}
        {props.children}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button class="btn btn-primary btn-block" type="submit" disabled={busy}>
          {busy ? props.busyLabel : props.submitLabel}
        </button>
        {props.footer}
      </form>
    </main>
  );
}
