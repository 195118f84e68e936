import { useEffect, useRef } from 'preact/hooks';
import { SHORTCUTS } from './keyboard';

/** A modal <dialog>: the browser traps focus, Esc closes it, focus returns where it was. */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <div class="dialog-head">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button class="btn btn-ghost btn-sm" type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <table class="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' + '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}
