import { ConnectionNotice } from '@switchboard/widget/connection-notice';
import type { ConnectionState } from '@switchboard/protocol/client';
import { useEffect, useState } from 'preact/hooks';
import { setPresence, signOut } from '../auth/session';
import { askNotificationPermission, notificationsSupported, setSoundOn, soundOn, unlockAudio } from '../realtime/notify';
import { useStore } from '../store';
import { Icon } from './icons';
import { AutoAwaySelect } from '../team/AutoAwaySelect';
import { useOverdueTasks } from '../task/task-badge';

const CONNECTION_TITLE = { open: 'Connected', connecting: 'Connecting…', closed: 'Reconnecting…', refused: 'Disconnected' };

export function TopBar({ onHelp, onSearch }: { onHelp: () => void; onSearch: () => void }) {
  const me = useStore((s) => s.me);
  const route = useStore((s) => s.route.name);
  const connection = useStore((s) => s.connection);
  const notice = useConnectionNotice(connection);
  const [permission, setPermission] = useState(notificationsSupported() ? Notification.permission : 'denied');
  const [sound, setSound] = useState(soundOn());
  const status = me?.status === 'away' ? 'away' : 'online';
  const overdueTasks = useOverdueTasks();

  return (
    <header class="topbar">
      <a class="brand" href="#/inbox">
        <span class="brand-mark" aria-hidden="true">
          S
        </span>
        <span class="brand-name">Switchboard</span>
      </a>
      <nav class="topnav" aria-label="Main">
        <a href="#/inbox" aria-current={route === 'inbox' || route === 'conversation' ? 'page' : undefined}>
          Inbox
        </a>
        <a href="#/visitors" aria-current={route === 'visitors' ? 'page' : undefined}>
          Visitors
        </a>
        <a href="#/contacts" aria-current={route === 'contacts' || route === 'contact' ? 'page' : undefined}>
          Contacts
        </a>
        <a href="#/team" aria-current={route === 'team' ? 'page' : undefined}>
          Team
        </a>
        <a href="#/tasks" aria-current={route === 'tasks' ? 'page' : undefined}>
          Tasks
          {overdueTasks > 0 && (
            <span class="badge" data-testid="tasks-badge">
              {overdueTasks}
              <span class="sr-only"> due</span>
            </span>
          )}
        </a>
        {me && me.role !== 'operator' && (
          <a href="#/sales" aria-current={route === 'sales' ? 'page' : undefined}>
            Sales
          </a>
        )}
        <a href="#/settings" aria-current={route === 'settings' || route === 'article' ? 'page' : undefined}>
          Settings
        </a>
      </nav>
      <span class={`conn conn-${connection}`} title={CONNECTION_TITLE[connection]}>
        <span class="dot" aria-hidden="true" />
        <span class="conn-label" role="status">
          {notice}
        </span>
      </span>
      <div class="topbar-actions">
        <fieldset class="segmented">
          <legend class="sr-only">My status</legend>
          {(['online', 'away'] as const).map((s) => (
            <button key={s} type="button" class={`seg seg-${s}`} aria-pressed={status === s} onClick={() => setPresence(s)}>
              <span class="dot" aria-hidden="true" />
              {s === 'online' ? 'Online' : 'Away'}
            </button>
          ))}
        </fieldset>
        <AutoAwaySelect />
        {permission === 'default' && (
          <button type="button" class="btn btn-ghost btn-sm notify-btn" onClick={async () => setPermission(await askNotificationPermission())}>
            Enable notifications
          </button>
        )}
        <button
          type="button"
          class="btn btn-ghost btn-sm icon-btn"
          aria-pressed={sound}
          title={sound ? 'Sound on' : 'Sound off'}
          onClick={() => {
            unlockAudio();
            setSoundOn(!sound);
            setSound(!sound);
          }}
        >
          <Icon name={sound ? 'bell' : 'bellOff'} />
          <span class="sr-only">Sound</span>
        </button>
        <button type="button" class="btn btn-ghost btn-sm search-btn" onClick={onSearch} title="Search (/ or Ctrl+K)">
          Search
        </button>
        <button type="button" class="btn btn-ghost btn-sm icon-btn help-btn" onClick={onHelp} title="Keyboard shortcuts">
          <Icon name="keyboard" />
          <span class="sr-only">Keyboard shortcuts</span>
        </button>
        <span class="me" title={me?.email}>
          <span class="avatar" aria-hidden="true">
            {initials(me?.name ?? '')}
          </span>
          <span class="me-name">{me?.name}</span>
        </span>
        <button type="button" class="btn btn-ghost btn-sm signout-btn" onClick={() => void signOut()} title="Sign out">
          <Icon name="logout" />
          <span class="btn-label">Sign out</span>
        </button>
      </div>
    </header>
  );
}

/** The connection in words, as the widget says it: "Reconnecting…" after a second down, "Connected" when back. */
function useConnectionNotice(connection: ConnectionState): string {
  const [text, setText] = useState('');
  const [notice] = useState(() => new ConnectionNotice(setText));
  useEffect(() => notice.update(connection), [notice, connection]);
  useEffect(() => () => notice.stop(), [notice]);
  return connection === 'refused' ? 'Disconnected. Reload the page.' : text;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}
