import { safeHref } from '@switchboard/text';
import { useState } from 'preact/hooks';
import { initials } from '../ui/TopBar';

/** The contact's picture when it has an http(s) one that loads; else their initials. Decorative: the name is written beside it. */
export function ContactAvatar(props: { name: string | null; email?: string | null; avatarUrl: string | null; large?: boolean }) {
  const [broken, setBroken] = useState(false);
  const src = props.avatarUrl ? safeHref(props.avatarUrl) : null;
  const cls = `avatar avatar-contact${props.large ? ' avatar-lg' : ''}`;
  if (src && !broken) return <img class={cls} src={src} alt="" referrerpolicy="no-referrer" onError={() => setBroken(true)} />;
  return (
    <span class={cls} aria-hidden="true">
      {initials(props.name || props.email || '?')}
    </span>
  );
}

/** How a contact is called: their name, else their email, else "Unnamed contact". */
export const contactName = (c: { name: string | null; email?: string | null; phone?: string | null; company?: string | null }): string =>
  c.name || c.email || c.phone || c.company || 'Unnamed contact';
