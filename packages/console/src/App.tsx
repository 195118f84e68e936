import { useEffect } from 'preact/hooks';
import { AcceptInvite } from './auth/AcceptInvite';
import { SignIn } from './auth/SignIn';
import { ensureOpen } from './conversation/actions';
import { titleFor, totalUnread } from './inbox/conversations';
import { useStore } from './store';
import { Shell } from './ui/Shell';

export function App() {
  const session = useStore((s) => s.session);
  const route = useStore((s) => s.route);
  const unread = useStore((s) => s.unread);

  useEffect(() => {
    document.title = titleFor(totalUnread(unread));
  }, [unread]);

  // Opening #/c/<id> (a click, a shortcut, a notification, a reload) follows that conversation.
  const openId = route.name === 'conversation' ? route.id : null;
  useEffect(() => {
    if (session === 'signed-in' && openId) ensureOpen(openId);
  }, [session, openId]);

  if (route.name === 'invite') return <AcceptInvite token={route.token} />;
  if (session === 'unknown')
    return (
      <div class="splash" aria-busy="true">
        Loading…
      </div>
    );
  if (session === 'signed-out') return <SignIn />;
  return <Shell />;
}
