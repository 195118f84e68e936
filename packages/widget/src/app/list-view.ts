/** The visitor's conversations: each with its last message, time and status in words, and "New conversation". */
import type { ConversationSummary } from '@switchboard/protocol';
import { h } from './dom.js';
import { listTime, t } from './i18n.js';

export interface ListView {
  root: HTMLElement;
  render(items: ConversationSummary[], more: boolean): void;
}

export function buildListView(on: { open(c: ConversationSummary): void; fresh(): void; older(): void }): ListView {
  const list = h('ul', { class: 'convs' });
  const older = h('button', { type: 'button', class: 'more', hidden: true, onclick: () => on.older() }, t('olderConversations'));
  const fresh = h('button', { type: 'button', class: 'send new', onclick: () => on.fresh() }, t('newConversation'));
  const root = h(
    'section',
    { class: 'screen list-screen', 'aria-labelledby': 'list-title' },
    h('h2', { id: 'list-title' }, t('conversations')),
    h('div', { class: 'scroll' }, list, older),
    h('div', { class: 'foot' }, fresh),
  );
  return {
    root,
    render(items, more) {
      list.replaceChildren(
        ...items.map((c) => {
          const m = c.lastMessage;
          const preview = !m ? t('noMessages') : m.author.kind === 'visitor' ? t('youSaid', { text: m.preview }) : m.preview;
          const resolved = c.status === 'resolved';
          return h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: `conv${resolved ? ' resolved' : ''}`, 'data-id': c.id, onclick: () => on.open(c) },
              h('span', { class: 'preview', dir: 'auto' }, preview),
              h(
                'span',
                { class: 'meta' },
                h('time', {}, listTime(m?.createdAt ?? c.updatedAt)),
                h('span', { class: 'state' }, t(resolved ? 'statusResolved' : 'statusOpen')),
              ),
            ),
          );
        }),
      );
      older.hidden = !more;
    },
  };
}
