import type { OnlineVisitor } from '@switchboard/protocol';
import { newClientId } from '@switchboard/protocol/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { navigate } from '../router';
import { FormAlert } from '../ui/Field';
import { visitorApi } from './visitor-api';
import { onlineName } from './visitor-format';

/**
 * "Start chat with this visitor": the operator's first message. The visitor's
 * chat opens on their page with it; the conversation opens here, assigned to
 * the operator. A modal <dialog>: the browser keeps the focus inside, Esc
 * closes it, the focus goes back to the row's button.
 */
export function StartChatDialog({ visitor, onClose }: { visitor: OnlineVisitor | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per dialog: pressing Send again after a network failure starts one conversation.
  const [clientId, setClientId] = useState(newClientId);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (visitor && !d.open) {
      setBody('');
      setError(null);
      setClientId(newClientId());
      d.showModal();
    }
    if (!visitor && d.open) d.close();
  }, [visitor]);

  async function send(e: Event) {
    e.preventDefault();
    if (!visitor || busy) return;
    if (!body.trim()) return setError('Write the first message.');
    setBusy(true);
    setError(null);
    try {
      const r = await visitorApi.startChat(visitor.id, body.trim(), clientId);
      onClose();
      navigate({ name: 'conversation', id: r.conversation.id });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="start-chat-title" onClose={onClose}>
      <form onSubmit={send}>
        <div class="dialog-head">
          <h2 id="start-chat-title">Start chat with this visitor</h2>
        </div>
        {visitor && (
          <p class="muted small start-chat-who">
            {onlineName(visitor)} · {visitor.pageTitle || visitor.pageUrl}
          </p>
        )}
        <div class="field">
          <label for="start-chat-message">Message</label>
          <textarea
            id="start-chat-message"
            rows={4}
            maxLength={10000}
            value={body}
            placeholder="Hi! Can I help you with anything?"
            onInput={(e) => setBody(e.currentTarget.value)}
          />
        </div>
        <FormAlert message={error} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary btn-sm" disabled={busy}>
            Send
          </button>
          <button type="button" class="btn btn-ghost btn-sm" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
