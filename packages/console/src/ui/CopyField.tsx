import { useState } from 'preact/hooks';
import { Icon } from './icons';

/** A read-only value with a copy button (invite links, embed snippets). */
export function CopyField({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const [copied, setCopied] = useState(false);
  async function copy(e: Event) {
    const field = (e.currentTarget as HTMLElement).parentElement?.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard permission (or not a secure context): select the text so Ctrl+C works.
      field?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <div class="copy-field">
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is one of two, chosen below */}
      <label class="field">
        <span>{label}</span>
        {multiline ? (
          <textarea readOnly rows={2} value={value} onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <input readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        )}
      </label>
      <button type="button" class="btn btn-sm" onClick={copy}>
        <Icon name={copied ? 'check' : 'copy'} />
        {copied ? 'Copied' : `Copy ${label.toLowerCase()}`}
      </button>
      <span class="sr-only" aria-live="polite">
        {copied ? 'Copied to the clipboard' : ''}
      </span>
    </div>
  );
}
