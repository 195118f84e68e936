/** "Download transcript": the server renders it (HTML or plain text, in the visitor's language and time zone); it is saved as a file. */
import type { Api } from './api.js';
import { saveAs } from './chat-view.js';
import { language } from './i18n.js';

export async function downloadTranscript(api: Api, conversationId: string, format: 'html' | 'text'): Promise<void> {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const q = new URLSearchParams({ format, language: language(), ...(timeZone ? { timeZone } : {}) });
  const url = await api.blobUrl(`/api/v1/widget/conversations/${conversationId}/transcript?${q}`);
  saveAs(url, `transcript-${new Date().toISOString().slice(0, 10)}.${format === 'html' ? 'html' : 'txt'}`);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
