import { SalesPage } from '../sales/SalesPage';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ChatTabs } from '../conversation/ChatTabs';
import { ConversationView } from '../conversation/ConversationView';
import { VisitorPanel } from '../conversation/VisitorPanel';
import { InboxPane } from '../inbox/InboxPane';
import { SettingsPage } from '../settings/SettingsPage';
import { TeamPage } from '../hours/TeamPage';
import { ContactPage } from '../contact/ContactPage';
import { ContactsPage } from '../contact/ContactsPage';
import { dispatch, useStore } from '../store';
import { focusConversations } from './focus';
import { handleShortcut } from './keyboard';
import { ShortcutsHelp } from './ShortcutsHelp';
import { SearchDialog } from '../search/SearchDialog';
import { TopBar } from './TopBar';
import { MentionAlerts } from '../team/MentionAlerts';
import { RuleNotices } from '../rules/RuleNotices';
import { VisitorsPage } from '../visitor/VisitorsPage';
import { TaskAlerts } from '../task/TaskAlerts';
import { TasksPage } from '../task/TasksPage';

export function Shell() {
  const route = useStore((s) => s.route);
  const notice = useStore((s) => s.notice);
  const [helpOpen, setHelpOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const [detailsOpen, setDetailsOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        handleShortcut(
          e,
          () => setHelpOpen(true),
          () => setSearchOpen(true),
        )
      )
        e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const activeId = route.name === 'conversation' ? route.id : null;
  const page =
    route.name === 'settings' ||
    route.name === 'article' ||
    route.name === 'contacts' ||
    route.name === 'contact' ||
    route.name === 'team' ||
    route.name === 'tasks' ||
    route.name === 'sales';
  const layout = route.name === 'visitors' ? 'layout-visitors' : page ? 'layout-settings' : activeId ? 'layout-chat' : 'layout-inbox';

  return (
    <div class={`shell ${layout}${detailsOpen ? ' details-open' : ''}`}>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link (people know it as one); the hash belongs to the router, so the jump is made here */}
      <a
        class="skip-link"
        href="#conversations"
        onClick={(e) => {
          e.preventDefault();
          focusConversations();
        }}
      >
        Skip to conversations
      </a>
      <TopBar onHelp={() => setHelpOpen(true)} onSearch={() => setSearchOpen(true)} />
      {notice && <Notice message={notice} />}
      <MentionAlerts />
      <RuleNotices />
      <TaskAlerts />
      {route.name === 'visitors' ? (
        <VisitorsPage />
      ) : route.name === 'settings' || route.name === 'article' ? (
        <SettingsPage articleId={route.name === 'article' ? route.id : null} />
      ) : route.name === 'team' ? (
        <TeamPage />
      ) : route.name === 'tasks' ? (
        <TasksPage />
      ) : route.name === 'sales' ? (
        <SalesPage />
      ) : route.name === 'contacts' ? (
        <ContactsPage />
      ) : route.name === 'contact' ? (
        <ContactPage key={route.id} id={route.id} />
      ) : (
        <div class="workspace">
          <InboxPane activeId={activeId} />
          <main class="chat-column" aria-label="Chat">
            <ChatTabs activeId={activeId} />
            {activeId ? (
              <ConversationView key={activeId} id={activeId} detailsOpen={detailsOpen} onToggleDetails={() => setDetailsOpen(!detailsOpen)} />
            ) : (
              <EmptyChat />
            )}
          </main>
          {activeId && <VisitorPanel key={activeId} id={activeId} onClose={() => setDetailsOpen(false)} />}
        </div>
      )}
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      <SearchDialog open={searchOpen} onClose={() => setSearchOpen(false)} />
    </div>
  );
}

function EmptyChat() {
  return (
    <div class="empty-chat">
      <h2>No conversation selected</h2>
      <p class="muted">Pick a conversation from the list. New visitor messages appear there as they arrive.</p>
      <p class="muted small">
        Tip: <kbd>Alt</kbd>+<kbd>↓</kbd> opens the next conversation.
      </p>
    </div>
  );
}

function Notice({ message }: { message: string }) {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => dispatch({ type: 'notice', message: null }), 6000);
    return () => clearTimeout(timer.current);
  }, [message]);
  return (
    <div class="notice" role="alert">
      <span>{message}</span>
      <button class="btn btn-ghost btn-sm" type="button" onClick={() => dispatch({ type: 'notice', message: null })}>
        Dismiss
      </button>
    </div>
  );
}
