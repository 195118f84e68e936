import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

/**
 * A button that shows a panel below it (a disclosure): Esc or a click outside
 * closes it and gives the focus back to the button. `open` is the caller's,
 * so a keyboard shortcut can open it too.
 */
export function Popover(props: {
  label: ComponentChildren;
  /** The button's accessible name when `label` is not plain words. */
  name?: string;
  open: boolean;
  onOpen: (open: boolean) => void;
  /** The panel's name for screen readers, e.g. "Labels". */
  panelName: string;
  class?: string;
  children: ComponentChildren;
}) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLFieldSetElement>(null);
  const { open, onOpen } = props;

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('input, button, select, [tabindex]')?.focus();
    const close = (focusButton: boolean) => {
      onOpen(false);
      if (focusButton) button.current?.focus();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close(true);
      }
    };
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!panel.current?.contains(t) && !button.current?.contains(t)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open, onOpen]);

  return (
    <span class="popover-wrap">
      <button
        ref={button}
        type="button"
        class={`btn btn-sm ${props.class ?? ''}`}
        aria-expanded={open}
        aria-controls={id}
        aria-label={props.name}
        title={props.name}
        onClick={() => onOpen(!open)}
      >
        {props.label}
      </button>
      {open && (
        <fieldset ref={panel} id={id} class="popover" aria-label={props.panelName}>
          {props.children}
        </fieldset>
      )}
    </span>
  );
}
