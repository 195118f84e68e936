/** Console-wide shortcuts. Each one is listed in the "Keyboard shortcuts" help (ShortcutsHelp.tsx). */
import { assignToMe, openChat, setStatus } from '../conversation/actions';
import { listOf } from '../inbox/conversations';
import { dispatch, store } from '../store';
import { activeId, listFilter } from '../state';
import { toggleNoteMode } from '../team/ComposerTabs';

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['Alt', '↓'], what: 'Next conversation in the list' },
  { keys: ['Alt', '↑'], what: 'Previous conversation in the list' },
  { keys: ['Alt', '1…9'], what: 'Switch to open chat tab 1 to 9' },
  { keys: ['Alt', 'A'], what: 'Assign the conversation to me' },
  { keys: ['Alt', 'R'], what: 'Resolve the conversation (or reopen it)' },
  { keys: ['Alt', 'Z'], what: 'Snooze the conversation' },
  { keys: ['Alt', 'L'], what: 'Add or remove a label' },
  { keys: ['Enter'], what: 'Send the reply' },
  { keys: ['Shift', 'Enter'], what: 'New line in the reply' },
  { keys: ['Alt', 'N'], what: 'Switch the composer between Reply and Private note' },
  { keys: ['@'], what: 'In a private note: mention an operator (↑ ↓ to choose, Enter to pick, Esc to close)' },
  { keys: ['Esc'], what: 'Leave the reply box / close a dialog' },
  { keys: ['/'], what: 'In the reply: canned responses and macros (type to filter)' },
  { keys: ['↑', '↓'], what: 'Move through the canned responses list' },
  { keys: ['Enter'], what: 'Insert the canned response (or run the macro) chosen in the list' },
  { keys: ['Esc'], what: 'Close the canned responses list (the reply keeps its text)' },
  { keys: ['/'], what: 'Search messages, notes and contacts (outside a text field)' },
  { keys: ['Ctrl', 'K'], what: 'Search, from anywhere (Cmd+K on a Mac)' },
  { keys: ['?'], what: 'Show keyboard shortcuts' },
];

function typingInField(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

/** Moves to the conversation `step` places away in the list on screen; returns its id. */
export function neighbour(ids: string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = current ? ids.indexOf(current) : -1;
  if (at === -1) return step === 1 ? ids[0]! : ids[ids.length - 1]!;
  const next = at + step;
  return next >= 0 && next < ids.length ? ids[next]! : null;
}

/** Returns true when the key was a shortcut (and was handled). */
export function handleShortcut(e: KeyboardEvent, showHelp: () => void, showSearch: () => void = () => {}): boolean {
  const s = store.get();
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
    showSearch();
    return true;
  }
  if (e.key === '/' && !e.altKey && !e.ctrlKey && !e.metaKey && !typingInField(e)) {
    showSearch();
    return true;
  }
  if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    const ids = listOf(s.conversations, listFilter(s)).map((c) => c.id);
    const next = neighbour(ids, activeId(s), e.key === 'ArrowDown' ? 1 : -1);
    if (next) openChat(next);
    return true;
  }
  // e.code, not e.key: Alt+digit types other characters on some layouts (macOS).
  const digit = /^Digit([1-9])$/.exec(e.code);
  if (e.altKey && !e.ctrlKey && !e.metaKey && digit) {
    const id = s.openIds[Number(digit[1]) - 1];
    if (id) openChat(id);
    return true;
  }
  // e.code again: Alt+letter types other characters on some layouts.
  const conversation = activeId(s);
  const c = conversation ? s.conversations[conversation] : undefined;
  if (e.altKey && !e.ctrlKey && !e.metaKey && c && !c.mergedInto) {
    if (e.code === 'KeyA') {
      void assignToMe(c.id);
      return true;
    }
    if (e.code === 'KeyR') {
      void setStatus(c.id, c.status === 'resolved' ? 'open' : 'resolved');
      return true;
    }
    if (e.code === 'KeyZ' && c.status !== 'resolved') {
      dispatch({ type: 'tool', tool: 'snooze' });
      return true;
    }
    if (e.code === 'KeyL') {
      dispatch({ type: 'tool', tool: 'labels' });
      return true;
    }
  }
  // e.code again: Alt+N is a dead key on macOS.
  if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN' && conversation) {
    toggleNoteMode(conversation);
    document.getElementById(`reply-${conversation}`)?.focus();
    return true;
  }
  if (e.key === '?' && !e.altKey && !e.ctrlKey && !e.metaKey && !typingInField(e)) {
    showHelp();
    return true;
  }
  return false;
}
