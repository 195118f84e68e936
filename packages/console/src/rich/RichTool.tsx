/**
 * "Insert product" and "Quick replies" in the reply composer (E2). Insert
 * product searches the catalogue, takes products by checkbox and adds them
 * to the reply as a product card (1), a carousel (2–10) or a comparison (2–3);
 * Quick replies takes options one per line (the reply's text is the question).
 * Esc closes and gives the focus back to the reply box.
 */
import { type ProductDto, RICH_LIMITS, type RichRequest } from '@switchboard/protocol';
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { type BlockKind, fits, optionsOf, price, requestOf, searchProducts } from './rich-api';

const DEBOUNCE_MS = 250;

const KINDS: [BlockKind, string][] = [
  ['product', 'Product card'],
  ['carousel', 'Carousel'],
  ['comparison', 'Comparison'],
];

type Results = { state: 'loading' } | { state: 'done'; items: ProductDto[] } | { state: 'failed'; message: string };

/** A popover dialog that closes on Esc (focus back to the reply) and on a click outside. */
function usePopover(input: RefObject<HTMLTextAreaElement>, first: RefObject<HTMLElement>) {
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLSpanElement>(null);
  const close = (focusReply: boolean) => {
    setOpen(false);
    if (focusReply) input.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close(true);
      }
    };
    const onDown = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);
  return { open, setOpen, close, wrap };
}

/** The composer's button and the dialog it opens, named alike ("Insert product", "Quick replies"). */
function ToolDialog(props: { pop: ReturnType<typeof usePopover>; id: string; label: string; children: ComponentChildren }) {
  const { pop, id, label } = props;
  return (
    <span class="popover-wrap rich-tool" ref={pop.wrap}>
      <button
        type="button"
        class="btn btn-ghost btn-sm"
        aria-expanded={pop.open}
        aria-controls={id}
        onClick={() => (pop.open ? pop.close(true) : pop.setOpen(true))}
      >
        {label}
      </button>
      {pop.open && (
        <div id={id} class="popover rich-popover" role="dialog" aria-label={label}>
          {props.children}
        </div>
      )}
    </span>
  );
}

export function InsertProductTool(props: {
  conversationId: string;
  input: RefObject<HTMLTextAreaElement>;
  onAdd: (request: RichRequest, names: Record<string, string>) => void;
}) {
  const { conversationId, input, onAdd } = props;
  const search = useRef<HTMLInputElement>(null);
  const pop = usePopover(input, search);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Results>({ state: 'loading' });
  const [chosen, setChosen] = useState<ProductDto[]>([]);
  const [kind, setKind] = useState<BlockKind>('product');
  const id = useId();

  useEffect(() => {
    if (!pop.open) return;
    let live = true;
    const timer = setTimeout(
      () => {
        searchProducts(q.trim())
          .then((page) => live && setResults({ state: 'done', items: page.items }))
          .catch((err) => live && setResults({ state: 'failed', message: messageOf(err) }));
      },
      q ? DEBOUNCE_MS : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [pop.open, q]);

  useEffect(() => {
    pop.close(false);
    setChosen([]);
  }, [conversationId]);

  // The kind follows the count when the one chosen no longer fits.
  useEffect(() => {
    if (fits(kind, chosen.length)) return;
    const fit = KINDS.find(([k]) => fits(k, chosen.length));
    if (fit) setKind(fit[0]);
  }, [chosen.length]);

  const toggle = (p: ProductDto, on: boolean) => setChosen((c) => (on ? [...c.filter((x) => x.id !== p.id), p] : c.filter((x) => x.id !== p.id)));

  function add() {
    if (!fits(kind, chosen.length)) return;
    onAdd(
      requestOf(
        kind,
        chosen.map((p) => p.id),
      ),
      Object.fromEntries(chosen.map((p) => [p.id, p.name])),
    );
    setChosen([]);
    setQ('');
    pop.close(true);
  }

  const shown = results.state === 'done' ? [...chosen.filter((c) => !results.items.some((p) => p.id === c.id)), ...results.items] : chosen;

  return (
    <ToolDialog pop={pop} id={id} label="Insert product">
      <label class="field">
        <span>Search products</span>
        <input ref={search} type="search" value={q} autocomplete="off" onInput={(e) => setQ(e.currentTarget.value)} />
      </label>
      <div aria-live="polite" class="rich-results">
        {results.state === 'loading' && <p class="muted small">Searching…</p>}
        {results.state === 'failed' && (
          <p class="field-error" role="alert">
            {results.message}
          </p>
        )}
        {results.state === 'done' && shown.length === 0 && <p class="muted small">No product matches.</p>}
        {shown.length > 0 && (
          <ul class="rich-product-list" aria-label="Products found">
            {shown.map((p) => (
              <li key={p.id}>
                <label class="check">
                  <input type="checkbox" checked={chosen.some((c) => c.id === p.id)} onChange={(e) => toggle(p, e.currentTarget.checked)} />
                  <span>
                    {p.name} <span class="muted small">{price(p)}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </div>
      <fieldset class="rich-kinds">
        <legend>Show as</legend>
        {KINDS.map(([k, label]) => (
          <label key={k} class="check">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} disabled={!fits(k, chosen.length)} onChange={() => setKind(k)} />
            {label}
          </label>
        ))}
      </fieldset>
      <p class="muted small">
        {chosen.length} chosen. A card shows 1 product, a carousel {RICH_LIMITS.carouselMin}–{RICH_LIMITS.carouselMax}, a comparison {RICH_LIMITS.comparisonMin}
        –{RICH_LIMITS.comparisonMax}.
      </p>
      <button type="button" class="btn btn-primary btn-sm" disabled={!fits(kind, chosen.length)} onClick={add}>
        Add to reply
      </button>
    </ToolDialog>
  );
}

export function QuickRepliesTool(props: { input: RefObject<HTMLTextAreaElement>; onAdd: (request: RichRequest) => void }) {
  const field = useRef<HTMLTextAreaElement>(null);
  const pop = usePopover(props.input, field);
  const [text, setText] = useState('');
  const id = useId();
  const options = optionsOf(text);
  const tooLong = options.find((o) => o.length > RICH_LIMITS.quickReplyMaxChars);
  const problem =
    options.length < RICH_LIMITS.quickRepliesMin
      ? `Give at least ${RICH_LIMITS.quickRepliesMin} options`
      : options.length > RICH_LIMITS.quickRepliesMax
        ? `Give at most ${RICH_LIMITS.quickRepliesMax} options`
        : tooLong
          ? `“${tooLong}” is longer than ${RICH_LIMITS.quickReplyMaxChars} characters`
          : null;

  function add() {
    if (problem) return;
    props.onAdd({ type: 'quick_replies', options });
    setText('');
    pop.close(true);
  }

  return (
    <ToolDialog pop={pop} id={id} label="Quick replies">
      <label class="field">
        <span>Options, one per line</span>
        <textarea ref={field} rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} aria-describedby={`${id}-hint`} />
      </label>
      <p id={`${id}-hint`} class="muted small">
        The visitor taps one to answer; your reply’s text is the question. {problem ?? `${options.length} options.`}
      </p>
      <button type="button" class="btn btn-primary btn-sm" disabled={!!problem} onClick={add}>
        Add to reply
      </button>
    </ToolDialog>
  );
}
