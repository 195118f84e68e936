/**
 * What the console knows of contacts beyond one screen: each contact's
 * revision (a `contact` frame moves it; screens showing that contact fetch
 * it again), the latest state of each import (`contactImport` frames), and
 * the workspace's attribute definitions (loaded once, again after a change
 * in Settings). Emptied when the operator signs out.
 */
import type { ContactAttributeDto, ContactImportDto, ServerFrame } from '@switchboard/protocol';
import { useEffect, useReducer } from 'preact/hooks';
import { onServerFrame } from '../realtime/connection';
import { store } from '../store';
import { contactApi } from './contact-api';

const revisions = new Map<string, number>();
const mergedInto = new Map<string, string>();
const imports = new Map<string, ContactImportDto>();
let attributes: ContactAttributeDto[] | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function changed(): void {
  for (const l of listeners) l();
}

function onFrame(frame: ServerFrame): void {
  if (frame.type === 'contact') {
    revisions.set(frame.contact.id, (revisions.get(frame.contact.id) ?? 0) + 1);
    if (frame.mergedInto) mergedInto.set(frame.contact.id, frame.mergedInto);
    changed();
  } else if (frame.type === 'contactImport') {
    imports.set(frame.import.id, frame.import);
    changed();
  }
}
onServerFrame(onFrame);
store.subscribe((s, prev) => {
  if (s.session === prev.session || s.session === 'signed-in') return;
  revisions.clear();
  mergedInto.clear();
  imports.clear();
  attributes = null;
  loading = null;
});

function useLive<T>(read: () => T): T {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    listeners.add(rerender as () => void);
    return () => void listeners.delete(rerender as () => void);
  }, []);
  return read();
}

/** Moves each time the contact changes on the server: a dependency for fetching it again. */
export const useContactRevision = (id: string): number => useLive(() => revisions.get(id) ?? 0);

/** The contact it was merged into, once a frame said so. */
export const useMergedInto = (id: string): string | undefined => useLive(() => mergedInto.get(id));

/** The latest the server said of an import (null before any frame). */
export const useImportState = (id: string | null): ContactImportDto | null => useLive(() => (id ? (imports.get(id) ?? null) : null));

/** An import's state as an answer gave it: frames newer than it still win when they come. */
export function rememberImport(dto: ContactImportDto): void {
  const known = imports.get(dto.id);
  if (!known || known.done <= dto.done || dto.status !== 'running') imports.set(dto.id, dto);
  changed();
}

/** The workspace's attribute definitions, in order (null while loading). */
export function useAttributes(): ContactAttributeDto[] | null {
  const value = useLive(() => attributes);
  useEffect(() => {
    if (attributes === null) void reloadAttributes();
  }, []);
  return value;
}

export function reloadAttributes(): Promise<void> {
  loading ??= contactApi.attributes().then(
    (r) => {
      attributes = r.items;
      loading = null;
      changed();
    },
    () => {
      loading = null;
    },
  );
  return loading;
}

export function setAttributes(items: ContactAttributeDto[]): void {
  attributes = items;
  changed();
}
