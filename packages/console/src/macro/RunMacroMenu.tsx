/**
 * "Run macro" in the conversation header: a menu of the macros this operator
 * may run (the workspace's and their own), and under the header the last
 * run's report: what was done, or which action failed and what was done
 * before it. Keyboard: Enter or ↓ opens the menu, ↑ ↓ move, Enter runs, Esc closes.
 */
import { Icon } from '../ui/icons';
import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { cannedApi, type Macro } from '../canned/canned-api';
import { dismissRun, runMacro, runReport, useMacroRun } from './macro-run';

export function RunMacroMenu({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const [macros, setMacros] = useState<Macro[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const run = useMacroRun(id);
  const report = run ? runReport(run) : null;

  useEffect(() => {
    if (!open) return;
    setError(null);
    cannedApi.macros().then(
      (r) => setMacros(r.items),
      (err) => setError(messageOf(err)),
    );
    const outside = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button.current) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  // The first item takes the focus once the list is there.
  useEffect(() => {
    if (open && macros) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open, macros]);

  function close(focusButton = true) {
    setOpen(false);
    if (focusButton) button.current?.focus();
  }

  function onMenuKey(e: KeyboardEvent) {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') close(false);
  }

  function choose(m: Macro) {
    close();
    void runMacro(id, m);
  }

  return (
    <div class="macro-menu">
      <button
        ref={button}
        type="button"
        class="btn btn-ghost btn-sm icon-btn"
        aria-label="Run macro"
        title="Run macro"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `macros-${id}` : undefined}
        disabled={run?.running}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Icon name="zap" />
      </button>
      {open && (error || !macros?.length) && (
        // While there is nothing to choose, the menu is a note (a menu holds menu items only); Esc still closes it.
        <div ref={menu} id={`macros-${id}`} class="menu menu-note" role="status" tabIndex={-1} onKeyDown={onMenuKey}>
          {error ?? (macros === null ? 'Loading…' : 'No macros yet: add one in Settings → Macros.')}
        </div>
      )}
      {open && !error && !!macros?.length && (
        <div ref={menu} id={`macros-${id}`} role="menu" aria-label="Macros" class="menu" onKeyDown={onMenuKey} tabIndex={-1}>
          {macros.map((m) => (
            <div
              key={m.id}
              role="menuitem"
              tabIndex={-1}
              onClick={() => choose(m)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter' && e.key !== ' ') return;
                e.preventDefault();
                choose(m);
              }}
            >
              {m.name}
              {m.scope === 'personal' && <span class="muted small"> (yours)</span>}
            </div>
          ))}
        </div>
      )}
      {report && (
        <div class={`macro-report${report.ok ? '' : ' failed'}`} role={report.ok ? 'status' : 'alert'}>
          <span>{report.text}</span>
          {!run?.running && (
            <button type="button" class="btn btn-ghost btn-sm" onClick={() => dismissRun(id)}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}
