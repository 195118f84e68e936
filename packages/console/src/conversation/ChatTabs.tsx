import { hrefOf } from '../router';
import { useStore } from '../store';
import { Icon } from '../ui/icons';
import { visitorName } from '../inbox/conversations';
import { closeChat } from './actions';
import { UnreadBadge } from '../ui/UnreadBadge';

/** The strip of open chats; Alt+1…9 switches between the first nine. */
export function ChatTabs({ activeId }: { activeId: string | null }) {
  const openIds = useStore((s) => s.openIds);
  const conversations = useStore((s) => s.conversations);
  const unread = useStore((s) => s.unread);
  const typing = useStore((s) => s.chats);
  if (openIds.length === 0) return null;

  return (
    <nav class="chat-tabs" aria-label="Open chats">
      <ul>
        {openIds.map((id, i) => {
          const c = conversations[id];
          const name = c ? visitorName(c) : 'Loading…';
          const count = unread[id] ?? 0;
          return (
            <li key={id} class={`chat-tab${id === activeId ? ' active' : ''}${c?.status === 'resolved' ? ' resolved' : ''}`}>
              <a href={hrefOf({ name: 'conversation', id })} aria-current={id === activeId ? 'page' : undefined} title={i < 9 ? `Alt+${i + 1}` : undefined}>
                <span class={`tab-dot${typing[id]?.visitorTyping ? ' typing' : ''}`} aria-hidden="true" />
                <span class="tab-name">{name}</span>
                <UnreadBadge count={count} />
              </a>
              <button type="button" class="tab-close" aria-label={`Close chat with ${name}`} onClick={() => closeChat(id)}>
                <Icon name="x" size={14} />
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
