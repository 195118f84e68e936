import type { OnlineVisitor } from '@switchboard/protocol';
import { safeHref } from '@switchboard/text';
import { useEffect, useRef, useState } from 'preact/hooks';
import { followVisitors } from './follow-visitors';
import { onlineVisitors, type VisitorSort } from './online-visitors';
import { StartChatDialog } from './StartChatDialog';
import { useNow } from './use-now';
import { duration, onlineName } from './visitor-format';

/** Every row is this tall, so only the rows on screen are drawn, however many visitors there are. */
const ROW_PX = 52;
/** Rows drawn above and below the visible ones, so a quick scroll shows no blank. */
const OVERSCAN = 8;
const COLUMNS = 7;

/**
 * The Visitors page: who is on the site now, live. Only the rows in view are
 * in the DOM (thousands of visitors cost the same as thirty); the list itself
 * changes at most once a second, the durations tick every second.
 */
export function VisitorsPage() {
  const [sort, setSort] = useState<VisitorSort>('arrival');
  const [, setVersion] = useState(onlineVisitors.version);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [inviting, setInviting] = useState<OnlineVisitor | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const now = useNow(1000);

  useEffect(() => followVisitors(), []);
  useEffect(() => onlineVisitors.subscribe(() => setVersion(onlineVisitors.version)), []);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const list = onlineVisitors.sorted(sort);
  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const rows = list.slice(first, first + Math.ceil(height / ROW_PX) + 2 * OVERSCAN);
  const below = list.length - first - rows.length;
  const count = list.length;

  return (
    <main class="visitors-page" aria-labelledby="visitors-title">
      <div class="visitors-head">
        <h1 id="visitors-title">Visitors</h1>
        <p class="muted visitors-count">
          {onlineVisitors.loaded ? `${count.toLocaleString('en')} ${count === 1 ? 'visitor' : 'visitors'} online` : 'Loading…'}
        </p>
        <label class="visitors-sort">
          Sort by
          <select value={sort} onChange={(e) => setSort(e.currentTarget.value as VisitorSort)}>
            <option value="arrival">Newest arrivals first</option>
            <option value="time-on-site">Longest on the site first</option>
          </select>
        </label>
      </div>
      {onlineVisitors.loaded && count === 0 && <p class="muted visitors-empty">Nobody is on the site right now. Visitors show here as they arrive.</p>}
      <div class="visitors-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <table class="visitors-table" aria-label="Visitors on the site now" aria-rowcount={count + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">Visitor</th>
              <th scope="col">Current page</th>
              <th scope="col">On the site</th>
              <th scope="col">On this page</th>
              <th scope="col">Visits</th>
              <th scope="col">Chat</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {first > 0 && <Spacer rows={first} />}
            {rows.map((v, i) => (
              <VisitorRow key={v.id} v={v} index={first + i + 2} now={now} onStart={setInviting} />
            ))}
            {below > 0 && <Spacer rows={below} />}
          </tbody>
        </table>
      </div>
      <StartChatDialog visitor={inviting} onClose={() => setInviting(null)} />
    </main>
  );
}

function Spacer({ rows }: { rows: number }) {
  return (
    <tr class="visitors-spacer" style={{ height: `${rows * ROW_PX}px` }}>
      <td colSpan={COLUMNS} aria-hidden="true" />
    </tr>
  );
}

function VisitorRow({ v, index, now, onStart }: { v: OnlineVisitor; index: number; now: number; onStart: (v: OnlineVisitor) => void }) {
  const href = safeHref(v.pageUrl);
  const name = onlineName(v);
  return (
    <tr aria-rowindex={index} data-visitor={v.id}>
      <td class="visitor-cell">{name}</td>
      <td class="page-cell">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
            {v.pageTitle || v.pageUrl}
          </a>
        ) : (
          <span>{v.pageTitle || v.pageUrl}</span>
        )}
        <span class="page-address">{v.pageUrl}</span>
      </td>
      <td class="num">{duration(now - v.arrivedAt)}</td>
      <td class="num">{duration(now - v.pageSince)}</td>
      <td>{v.visits > 1 ? `Returning · ${v.visits.toLocaleString('en')} visits` : 'New'}</td>
      <td>{v.chatting && <span class="pill pill-open">Chatting</span>}</td>
      <td>
        <button
          type="button"
          class="btn btn-sm"
          disabled={v.chatting}
          title={v.chatting ? `${name} is already chatting` : undefined}
          onClick={() => onStart(v)}
        >
          Start chat
        </button>
      </td>
    </tr>
  );
}
