/**
 * The `/` list of the reply box: typing `/` (at the start or after a space)
 * opens a listbox named "Canned responses", filtered as one types by the
 * server's search (shortcut, title and text, typos forgiven), with matching
 * macros as a group of their own. ↑ ↓ move, Enter chooses, Esc closes.
 * Choosing a canned response puts its text in place of `/query`, variables
 * filled; choosing a macro runs it (the header shows what it did). Whatever
 * `{{…}}` is left is listed next to the reply box, and the reply is not sent
 * until it is gone.
 */
import { fillVariables } from '@switchboard/text';
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { runMacro } from '../macro/macro-run';
import { type CannedResponse, cannedApi, type Macro } from './canned-api';
import { leftToFill, matchMacros, replaceToken, type SlashToken, slashToken } from './slash';
import { useVariableValues } from './values';

type Option = { kind: 'canned'; canned: CannedResponse } | { kind: 'macro'; macro: Macro };

/** Macros change rarely: loaded when the list first opens, then again after a minute or a change in Settings. */
let macrosCache: { at: number; items: Promise<Macro[]> } | null = null;
export function forgetMacros(): void {
  macrosCache = null;
}
function loadMacros(): Promise<Macro[]> {
  if (!macrosCache || Date.now() - macrosCache.at > 60_000) {
    macrosCache = { at: Date.now(), items: cannedApi.macros().then((r) => r.items) };
    macrosCache.items.catch(() => (macrosCache = null));
  }
  return macrosCache.items;
}

export function useCannedPicker(conversationId: string, text: string, setText: (value: string) => void, input: RefObject<HTMLTextAreaElement>) {
  const values = useVariableValues(conversationId);
  const [token, setToken] = useState<SlashToken | null>(null);
  const [canned, setCanned] = useState<CannedResponse[] | null>(null);
  const [macros, setMacros] = useState<Macro[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  /** Esc closes the list for the slash it was opened at; typing another slash opens it again. */
  const dismissed = useRef<number | null>(null);
  const request = useRef(0);
  const listId = `canned-list-${conversationId}`;

  useEffect(() => {
    const el = input.current;
    const t = el && document.activeElement === el ? slashToken(text, el.selectionStart ?? text.length) : null;
    if (!t) dismissed.current = null;
    setToken(t && t.start !== dismissed.current ? t : null);
  }, [text, input]);

  const query = token?.query;
  useEffect(() => {
    if (query === undefined) {
      setCanned(null);
      return;
    }
    const n = ++request.current;
    // A short pause, so a word typed quickly asks once.
    const timer = setTimeout(() => {
      cannedApi.searchCanned(query, 8).then(
        (r) => {
          if (n !== request.current) return;
          setCanned(r.items);
          setActive(0);
          setError(null);
        },
        (err) => n === request.current && setError(messageOf(err)),
      );
    }, 60);
    return () => clearTimeout(timer);
  }, [query]);

  const open = token !== null;
  useEffect(() => {
    if (open) void loadMacros().then(setMacros, () => setMacros([]));
  }, [open]);

  const matchedMacros = open ? matchMacros(macros, token.query) : [];
  const options: Option[] = [
    ...(canned ?? []).map((c) => ({ kind: 'canned' as const, canned: c })),
    ...matchedMacros.map((m) => ({ kind: 'macro' as const, macro: m })),
  ];
  const current = Math.min(active, options.length - 1);
  const optionId = (i: number) => `${listId}-${i}`;

  function close() {
    if (token) dismissed.current = token.start;
    setToken(null);
  }

  function choose(option: Option) {
    if (!token) return;
    const insert = option.kind === 'canned' ? fillVariables(option.canned.body, values).text : '';
    const next = replaceToken(text, token, insert);
    dismissed.current = token.start;
    setToken(null);
    setText(next.text);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(next.caret, next.caret);
    });
    if (option.kind === 'macro') void runMacro(conversationId, option.macro);
  }

  /** Keys while the list is open; true when the key was the list's. */
  function onKeyDown(e: KeyboardEvent): boolean {
    if (!open || e.isComposing) return false;
    const move = (step: number) => {
      e.preventDefault();
      if (options.length) setActive((current + step + options.length) % options.length);
      return true;
    };
    if (e.key === 'ArrowDown') return move(1);
    if (e.key === 'ArrowUp') return move(-1);
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      const option = options[current];
      if (option) choose(option);
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
      return true;
    }
    if (e.key === 'Tab') close();
    return false;
  }

  const left = leftToFill(text, values);
  const showList = open && (canned !== null || error !== null);

  const inputProps = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': showList && options.length ? listId : undefined,
    'aria-activedescendant': showList && options[current] ? optionId(current) : undefined,
    'aria-describedby': left.all.length ? `${listId}-fill` : undefined,
    onBlur: () => setToken(null),
  };

  const view = (
    <>
      {showList && (
        <div class="picker">
          {options.length > 0 ? (
            <div role="listbox" id={listId} aria-label="Canned responses" class="picker-list">
              {(canned ?? []).map((c, i) => (
                <PickerOption key={c.id} id={optionId(i)} selected={i === current} onChoose={() => choose(options[i]!)}>
                  <span class="picker-shortcut">/{c.shortcut}</span>
                  <span class="picker-title">{c.title}</span>
                  <span class="picker-body">{fillVariables(c.body, values).text}</span>
                </PickerOption>
              ))}
              {matchedMacros.length > 0 && (
                // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox has no HTML element of its own
                <div role="group" aria-label="Macros">
                  <div class="picker-group" aria-hidden="true">
                    Macros
                  </div>
                  {matchedMacros.map((m, j) => {
                    const i = (canned?.length ?? 0) + j;
                    return (
                      <PickerOption key={m.id} id={optionId(i)} selected={i === current} onChoose={() => choose(options[i]!)}>
                        <span class="picker-shortcut">Run macro</span>
                        <span class="picker-title">{m.name}</span>
                      </PickerOption>
                    );
                  })}
                </div>
              )}
            </div>
          ) : (
            <p class="picker-empty">{error ?? `No canned response or macro matches “/${token.query}”`}</p>
          )}
          <p class="picker-help muted small" aria-hidden="true">
            ↑ ↓ to choose, Enter to insert, Esc to close
          </p>
        </div>
      )}
      <span class="sr-only" aria-live="polite">
        {showList ? `${options.length} ${options.length === 1 ? 'suggestion' : 'suggestions'}` : ''}
      </span>
      {left.all.length > 0 && (
        <div class="fill-in" id={`${listId}-fill`} role="status">
          <strong>Fill in before sending:</strong>
          <ul>
            {left.all.map((v) => (
              <li key={v}>
                <code>{v}</code>
                {left.unknown.some((u) => v.includes(u))
                  ? ' is not a variable'
                  : left.missing.some((m) => v.includes(m))
                    ? ' has no value in this conversation'
                    : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );

  return { inputProps, onKeyDown, view, blocked: left.all.length > 0 };
}

function PickerOption(props: { id: string; selected: boolean; onChoose: () => void; children: preact.ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [props.selected]);
  return (
    <div
      ref={ref}
      role="option"
      id={props.id}
      aria-selected={props.selected}
      tabIndex={-1}
      class={`picker-option${props.selected ? ' active' : ''}`}
      // Mouse down, not click: the reply box keeps the focus.
      onMouseDown={(e) => {
        e.preventDefault();
        props.onChoose();
      }}
    >
      {props.children}
    </div>
  );
}
