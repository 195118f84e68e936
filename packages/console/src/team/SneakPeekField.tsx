/** The inbox editor's sneak peek switch, off by default. */
export function SneakPeekField({ id, on, onChange }: { id: string; on: boolean; onChange: (on: boolean) => void }) {
  return (
    <div class="field field-check">
      <label for={`${id}-sneak-peek`}>
        <input
          id={`${id}-sneak-peek`}
          type="checkbox"
          checked={on}
          aria-describedby={`${id}-sneak-peek-hint`}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        Sneak peek
      </label>
      <p class="muted small" id={`${id}-sneak-peek-hint`}>
        Operators see what visitors type before they send it, with card numbers and IBANs hidden. The chat tells visitors so. Drafts are never stored.
      </p>
    </div>
  );
}
