import type { LabelDto } from '@switchboard/protocol';

/** A label as a small chip: its colour as a dot, its name as text (the colour is never the only sign). */
export function LabelChip({ label, onRemove }: { label: LabelDto; onRemove?: () => void }) {
  return (
    <span class="label-chip">
      <span class="label-dot" style={{ background: label.color }} aria-hidden="true" />
      {label.name}
      {onRemove && (
        <button type="button" class="chip-x" aria-label={`Remove label ${label.name}`} onClick={onRemove}>
          ×
        </button>
      )}
    </span>
  );
}
