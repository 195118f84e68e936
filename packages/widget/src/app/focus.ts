/**
 * A chat that fills the screen (phones) is a dialog: Tab and Shift+Tab cycle
 * through its controls until it is closed, instead of wandering onto the page
 * hidden behind it.
 */
const FOCUSABLE = 'a[href], button, input, textarea, select, [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0 && el.tabIndex >= 0,
  );
}

export function trapFocus(root: HTMLElement, active: () => boolean): void {
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab' || !active()) return;
    const items = focusables(root);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    const current = document.activeElement;
    const inside = current instanceof HTMLElement && root.contains(current) && current !== root;
    if (e.shiftKey && (current === first || !inside)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (current === last || !inside)) {
      e.preventDefault();
      first.focus();
    }
  });
}
