import { useRef } from 'preact/hooks';
import { lastSeq } from '../conversation/chat';
import { useStore } from '../store';

/**
 * While the operator writes a reply, another operator may answer the visitor
 * first: the composer says so before they send theirs.
 */
export function ColleagueReplied({ id, text }: { id: string; text: string }) {
  const chat = useStore((s) => s.chats[id]);
  const meId = useStore((s) => s.me?.id ?? null);
  const start = useRef<number | null>(null);
  // The reply began when the text stopped being empty; what came after is news.
  if (!text.trim()) start.current = null;
  else if (start.current === null && chat) start.current = lastSeq(chat);
  const since = start.current;
  const names =
    since === null || !chat
      ? []
      : [
          ...new Set(
            chat.messages
              .filter((m) => m.seq > since && m.kind === 'text' && m.author.kind === 'operator' && m.author.id !== meId)
              .map((m) => m.author.name ?? 'Another operator'),
          ),
        ];
  return (
    <p class="colleague-replied" role="status">
      {names.length > 0 && `${names.join(' and ')} replied while you were typing. Read it before you send yours.`}
    </p>
  );
}
