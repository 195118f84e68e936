import { download } from '../contact/contact-api';
import { byStatus } from '../inbox/conversations';
import { useStore } from '../store';

/** "Export conversations" (admins): the list on screen (its view, status and label) as a CSV file, one row per conversation. */
export function ExportConversations() {
  const role = useStore((s) => s.me?.role);
  const view = useStore((s) => s.view);
  const status = useStore((s) => s.status);
  const label = useStore((s) => s.labelFilter);
  if (role !== 'owner' && role !== 'admin') return null;
  const q = new URLSearchParams({ view, ...(byStatus(view) ? { status } : {}), ...(label ? { label } : {}) });
  return (
    <button
      type="button"
      class="btn btn-ghost btn-sm export-btn"
      title="Download this list as a CSV file"
      onClick={() => download(`/conversations/export?${q}`)}
    >
      Export conversations
    </button>
  );
}
