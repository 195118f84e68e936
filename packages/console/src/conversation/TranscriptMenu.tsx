/** "Download transcript" in the conversation header: the same transcript the visitor can download, as HTML or plain text, never with private notes. */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Icon } from '../ui/icons';
import { Popover } from '../ui/Popover';

export function TranscriptMenu({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
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
    </Popover>
  );
}
