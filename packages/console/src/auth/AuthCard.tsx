import type { ComponentChildren, RefObject } from 'preact';
import { FormAlert } from '../ui/Field';

/**
 * The card shared by the sign-in and invite screens: brand, title, fields,
 * one submit button, and the error of the last attempt that belongs to no
 * field in an alert (field errors sit next to their fields).
 */
export function AuthCard(props: {
  title: string;
  intro?: string;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  error: string | null;
  formRef: RefObject<HTMLFormElement>;
  onSubmit: () => void;
  children: ComponentChildren;
  footer?: ComponentChildren;
}) {
  return (
    <main class="auth">
      <form
        class="auth-card"
        ref={props.formRef}
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <div class="brand brand-lg" aria-hidden="true">
          <span class="brand-mark">S</span> Switchboard
        </div>
        <h1>{props.title}</h1>
        {props.intro && <p class="muted">{props.intro}</p>}
        {props.children}
        <FormAlert message={props.error} />
        <button class="btn btn-primary btn-block" type="submit" disabled={props.busy}>
          {props.busy ? props.busyLabel : props.submitLabel}
        </button>
        {props.footer}
      </form>
    </main>
  );
}
