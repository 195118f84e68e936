/** "Download transcript" in the conversation header: the same transcript the visitor can download, as HTML or plain text, never with private notes; or by mail to the contact. */
import { useState } from 'preact/hooks';
import { api, messageOf } from '../api';
import { emailApi } from '../email/email-api';
import { Icon } from '../ui/icons';
import { Popover } from '../ui/Popover';

export function TranscriptMenu({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const [mailed, setMailed] = useState<{ ok: boolean; text: string } | null>(null);
  async function emailIt() {
    setMailed(null);
    try {
      const r = await emailApi.emailTranscript(id);
      setMailed({ ok: true, text: `Transcript emailed to ${r.recipient}` });
    } catch (err) {
      setMailed({ ok: false, text: messageOf(err) });
    }
  }
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <Popover
      label={<Icon name="download" />}
      name="Download transcript"
      open={open}
      onOpen={setOpen}
      panelName="Download transcript"
      class="btn-ghost transcript-menu"
    >
      <a class="btn btn-ghost btn-sm" href={api.transcriptUrl(id, 'html', zone)} download onClick={() => setOpen(false)}>
        HTML
      </a>
      <a class="btn btn-ghost btn-sm" href={api.transcriptUrl(id, 'text', zone)} download onClick={() => setOpen(false)}>
        Plain text
      </a>
      <button type="button" class="btn btn-ghost btn-sm" onClick={() => void emailIt()}>
        Email to the contact
      </button>
      {mailed && (
        <p class={mailed.ok ? 'muted small' : 'form-error'} role={mailed.ok ? 'status' : 'alert'}>
          {mailed.text}
        </p>
      )}
    </Popover>
  );
}
