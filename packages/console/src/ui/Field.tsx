import type { ComponentChildren } from 'preact';

/** The attributes that tie a control to its error message: set them on the input, select or textarea. */
export function invalidProps(id: string, error: string | undefined, hint?: string) {
  const described = [error ? `${id}-error` : null, hint].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': described || undefined };
}

/** A labelled form field with its error, if any, right under the control. */
export function Field(props: { id: string; label: string; error: string | undefined; class?: string; children: ComponentChildren }) {
  return (
    <div class={`field${props.class ? ` ${props.class}` : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <span id={`${id}-error`} class="field-error">
      {error}
    </span>
  ) : null;
}

/** The message of a refusal that belongs to no field. */
export function FormAlert({ message }: { message: string | null }) {
  return message ? (
    <p class="form-error" role="alert">
      {message}
    </p>
  ) : null;
}
