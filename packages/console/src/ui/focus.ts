/**
 * Where the keyboard focus goes after a screen changes: after sign-in, to the
 * conversation list; the skip link does the same from anywhere. A request is
 * taken by the component that mounts with the target.
 */
import { navigate } from '../router';
import { store } from '../store';

type Target = 'conversations';
let requested: Target | null = null;

export function requestFocus(target: Target): void {
  requested = target;
}

export function takeFocusRequest(target: Target): boolean {
  if (requested !== target) return false;
  requested = null;
  return true;
}

/** The skip link: the list of conversations, showing the inbox first when settings are on screen. */
export function focusConversations(): void {
  const el = document.getElementById('conversations');
  if (el && el.getClientRects().length > 0) {
    el.focus();
    return;
  }
  // Not on screen: show the inbox; the list takes the focus when it mounts, or once it is shown.
  requestFocus('conversations');
  if (store.get().route.name !== 'inbox') navigate({ name: 'inbox' });
  requestAnimationFrame(() => {
    const list = document.getElementById('conversations');
    if (list && takeFocusRequest('conversations')) list.focus();
  });
}
