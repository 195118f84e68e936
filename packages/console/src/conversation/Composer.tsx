import { type AttachmentDto, INSERT_RICH_EVENT, type RichRequest } from '@switchboard/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, messageOf } from '../api';
import { ArticleTool } from '../article-insert/ArticleTool';
import { insertAt } from '../article-insert/insert-api';
import { useCannedPicker } from '../canned/CannedPicker';
import { SuggestedReplies } from '../reply-suggest/SuggestedReplies';
import { replySent } from '../reply-suggest/suggest-state';
import { dispatch } from '../store';
import { Icon } from '../ui/icons';
import { sendReply, setTyping } from './actions';
import { ColleagueReplied } from '../team/ColleagueReplied';
import { ComposerTabs, useComposerMode } from '../team/ComposerTabs';
import { useMentionPicker } from '../team/MentionPicker';
import { addNote } from '../team/team-actions';
import { ScheduledList } from '../scheduled/ScheduledList';
import { ScheduleTool } from '../scheduled/ScheduleTool';
import { scheduleReply } from '../scheduled/scheduled-actions';
import { PendingRich } from '../rich/PendingRich';
import { InsertProductTool, QuickRepliesTool } from '../rich/RichTool';
import { productNames } from '../rich/rich-api';

/** Drafts survive switching between chat tabs. */
const drafts = new Map<string, string>();
/** The rich block (E2) waiting to go with the reply, per conversation; `names` label its products. */
const richDrafts = new Map<string, { request: RichRequest; names: Record<string, string> }>();
/** After this long without a keystroke the operator has stopped typing. */
const IDLE_MS = 3000;

export function Composer({ id, resolved }: { id: string; resolved: boolean }) {
  const [text, setText] = useState(drafts.get(id) ?? '');
  const [files, setFiles] = useState<AttachmentDto[]>([]);
  const [uploading, setUploading] = useState(0);
  const [rich, setRichState] = useState(richDrafts.get(id) ?? null);
  const setRich = (r: { request: RichRequest; names: Record<string, string> } | null) => {
    if (r) richDrafts.set(id, r);
    else richDrafts.delete(id);
    setRichState(r);
  };
  const input = useRef<HTMLTextAreaElement>(null);
  const filePicker = useRef<HTMLInputElement>(null);
  const idle = useRef<ReturnType<typeof setTimeout>>();
  // "Private note": the same text box, for the team only (no typing shown to the visitor, @ mentions).
  const [mode, setMode] = useComposerMode(id);
  const note = mode === 'note';
  const mention = useMentionPicker({
    id,
    enabled: note,
    text,
    input,
    onPick: (value, caret) => {
      change(value);
      requestAnimationFrame(() => input.current?.setSelectionRange(caret, caret));
    },
  });
  // The / list of canned responses and macros is the reply's; a note has the @ list.
  const canned = useCannedPicker(id, note ? '' : text, change, input);
  const picker = note ? mention : { ...canned, track: () => {} };

  useEffect(() => {
    input.current?.focus();
    return () => {
      clearTimeout(idle.current);
      setTyping(id, false);
    };
  }, [id]);

  useEffect(() => {
    if (note) setTyping(id, false);
  }, [id, note]);

  // Another conversation: its own pending block. Product suggestions add a block with a window event.
  useEffect(() => {
    setRichState(richDrafts.get(id) ?? null);
    const onInsert = (e: Event) => {
      const detail = (e as CustomEvent<RichRequest>).detail;
      if (!detail || typeof detail !== 'object' || !('type' in detail)) return;
      const block = { request: detail, names: {} };
      richDrafts.set(id, block);
      setRichState(block);
      input.current?.focus();
      // Named as the catalogue names the products, once read (ids until then).
      void productNames(detail).then((names) => {
        if (richDrafts.get(id) !== block) return;
        const named = { ...block, names };
        richDrafts.set(id, named);
        setRichState(named);
      });
    };
    window.addEventListener(INSERT_RICH_EVENT, onInsert);
    return () => window.removeEventListener(INSERT_RICH_EVENT, onInsert);
  }, [id]);

  // Quick replies need their question as the reply's text; product blocks may go alone.
  const richReady = rich?.request.type !== 'quick_replies' || !!text.trim();

  function change(value: string) {
    setText(value);
    drafts.set(id, value);
    clearTimeout(idle.current);
    if (note) return;
    if (value.trim()) {
      setTyping(id, true);
      idle.current = setTimeout(() => setTyping(id, false), IDLE_MS);
    } else {
      setTyping(id, false);
    }
  }

  function send() {
    const body = text.trim();
    if (note) {
      if (!body) return;
      setText('');
      drafts.delete(id);
      // Not stored: the text comes back to be sent again.
      void addNote(id, body).then((ok) => {
        if (!ok && !drafts.get(id)) change(body);
      });
      input.current?.focus();
      return;
    }
    if ((!body && files.length === 0 && !rich) || uploading > 0 || canned.blocked || !richReady) return;
    sendReply(id, body, files, undefined, rich?.request);
    setRich(null);
    replySent(id, body);
    setText('');
    setFiles([]);
    drafts.delete(id);
    clearTimeout(idle.current);
    setTyping(id, false);
    input.current?.focus();
  }

  /** "Articles": a link or an excerpt goes in at the caret (replacing a selection). */
  function insertAtCaret(snippet: string) {
    const el = input.current;
    const current = drafts.get(id) ?? text;
    const at = insertAt(current, snippet, el?.selectionStart ?? current.length, el?.selectionEnd ?? current.length);
    change(at.value);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(at.caret, at.caret);
    });
  }

  /** "Schedule": the reply goes out later; it leaves the composer once stored. */
  async function schedule(sendAt: number): Promise<string | null> {
    const body = text.trim();
    if (!body) return 'Write the reply first';
    const refused = await scheduleReply(id, body, sendAt);
    if (refused) return refused;
    if ((drafts.get(id) ?? '').trim() === body) {
      setText('');
      drafts.delete(id);
      clearTimeout(idle.current);
      setTyping(id, false);
    }
    input.current?.focus();
    return null;
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
      <ScheduledList id={id} />
      <ComposerTabs id={id} mode={mode} onMode={setMode} />
      {!note && <ColleagueReplied id={id} text={text} />}
      {!note && <SuggestedReplies id={id} onInsert={insertAtCaret} />}
      {resolved && !note && <p class="composer-note">Resolved. The visitor still gets your reply; Reopen puts the conversation back in the inbox.</p>}
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
      {!note && rich && <PendingRich request={rich.request} names={rich.names} ready={richReady} onRemove={() => setRich(null)} />}
      <div class="compose-box" role="tabpanel" id={`compose-${id}`}>
        {note ? mention.list : canned.view}
        <label class="sr-only" for={`reply-${id}`}>
          {note ? 'Private note' : 'Reply'}
        </label>
        <textarea
          id={`reply-${id}`}
          ref={input}
          class={`composer-input${note ? ' note-input' : ''}`}
          rows={2}
          placeholder={
            note
              ? 'Write a private note: only operators see it. @ mentions a colleague.'
              : 'Write a reply… (Enter to send, Shift+Enter for a new line, / for canned responses)'
          }
          value={text}
          onInput={(e) => {
            change(e.currentTarget.value);
            picker.track();
          }}
          onClick={picker.track}
          onKeyUp={(e) => ['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key) && picker.track()}
          onKeyDown={onKeyDown}
          {...picker.inputProps}
        />
      </div>
      <div class="composer-bar">
        <input ref={filePicker} type="file" multiple hidden tabIndex={-1} onChange={(e) => void attach(e.currentTarget.files)} />
        {!note && (
          <button type="button" class="btn btn-ghost btn-sm" onClick={() => filePicker.current?.click()}>
            <Icon name="paperclip" />
            Attach a file
          </button>
        )}
        {!note && <ArticleTool conversationId={id} input={input} onInsert={insertAtCaret} />}
        {!note && <InsertProductTool conversationId={id} input={input} onAdd={(request, names) => setRich({ request, names })} />}
        {!note && <QuickRepliesTool input={input} onAdd={(request) => setRich({ request, names: {} })} />}
        <span class="spacer" />
        {!note && <ScheduleTool disabled={uploading > 0 || files.length > 0 || canned.blocked || !text.trim() || !!rich} onSchedule={schedule} />}
        {note ? (
          <button type="submit" class="btn btn-note btn-sm" disabled={!text.trim()}>
            Add note
          </button>
        ) : (
          <button
            type="submit"
            class="btn btn-primary btn-sm"
            disabled={uploading > 0 || canned.blocked || !richReady || (!text.trim() && files.length === 0 && !rich)}
          >
            Send
          </button>
        )}
      </div>
    </form>
  );
}
