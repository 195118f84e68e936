import type { AttachmentDto } from '@switchboard/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, messageOf } from '../api';
import { useCannedPicker } from '../canned/CannedPicker';
import { dispatch } from '../store';
import { Icon } from '../ui/icons';
import { sendReply, setTyping } from './actions';

/** Drafts survive switching between chat tabs. */
const drafts = new Map<string, string>();
/** After this long without a keystroke the operator has stopped typing. */
const IDLE_MS = 3000;

export function Composer({ id, resolved }: { id: string; resolved: boolean }) {
  const [text, setText] = useState(drafts.get(id) ?? '');
  const [files, setFiles] = useState<AttachmentDto[]>([]);
  const [uploading, setUploading] = useState(0);
  const input = useRef<HTMLTextAreaElement>(null);
  const filePicker = useRef<HTMLInputElement>(null);
  const idle = useRef<ReturnType<typeof setTimeout>>();
  const picker = useCannedPicker(id, text, change, input);

  useEffect(() => {
    input.current?.focus();
    return () => {
      clearTimeout(idle.current);
      setTyping(id, false);
    };
  }, [id]);

  function change(value: string) {
    setText(value);
    drafts.set(id, value);
    clearTimeout(idle.current);
    if (value.trim()) {
      setTyping(id, true);
      idle.current = setTimeout(() => setTyping(id, false), IDLE_MS);
    } else {
      setTyping(id, false);
    }
  }

  function send() {
    const body = text.trim();
    if ((!body && files.length === 0) || uploading > 0 || picker.blocked) return;
    sendReply(id, body, files);
    setText('');
    setFiles([]);
    drafts.delete(id);
    clearTimeout(idle.current);
    setTyping(id, false);
    input.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (picker.onKeyDown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.isComposing) {
      e.preventDefault();
      send();
    } else if (e.key === 'Escape') {
      input.current?.blur();
    }
  }

  async function attach(list: FileList | null) {
    const chosen = [...(list ?? [])];
    if (filePicker.current) filePicker.current.value = '';
    for (const file of chosen) {
      setUploading((n) => n + 1);
      try {
        const a = await api.upload(id, file);
        setFiles((f) => [...f, a]);
      } catch (err) {
        dispatch({ type: 'notice', message: `${file.name}: ${messageOf(err)}` });
      } finally {
        setUploading((n) => n - 1);
      }
    }
  }

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {resolved && <p class="composer-note">Resolved. The visitor still gets your reply; Reopen puts the conversation back in the inbox.</p>}
      {(files.length > 0 || uploading > 0) && (
        <ul class="chips" aria-label="Attached files">
          {files.map((f) => (
            <li key={f.id} class="chip">
              <Icon name="file" size={14} />
              {f.name}
              <button type="button" class="chip-x" aria-label={`Remove ${f.name}`} onClick={() => setFiles(files.filter((x) => x.id !== f.id))}>
                <Icon name="x" size={12} />
              </button>
            </li>
          ))}
          {uploading > 0 && <li class="chip muted">Uploading…</li>}
        </ul>
      )}
      {picker.view}
      <label class="sr-only" for={`reply-${id}`}>
        Reply
      </label>
      <textarea
        id={`reply-${id}`}
        ref={input}
        class="composer-input"
        rows={2}
        placeholder="Write a reply… (Enter to send, Shift+Enter for a new line)"
        value={text}
        onInput={(e) => change(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        {...picker.inputProps}
      />
      <div class="composer-bar">
        <input ref={filePicker} type="file" multiple hidden tabIndex={-1} onChange={(e) => void attach(e.currentTarget.files)} />
        <button type="button" class="btn btn-ghost btn-sm" onClick={() => filePicker.current?.click()}>
          <Icon name="paperclip" />
          Attach a file
        </button>
        <span class="spacer" />
        <button type="submit" class="btn btn-primary btn-sm" disabled={uploading > 0 || picker.blocked || (!text.trim() && files.length === 0)}>
          Send
        </button>
      </div>
    </form>
  );
}
