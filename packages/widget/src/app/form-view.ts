/**
 * A form of the widget (offline.ts, pre-chat.ts) drawn from the fields the
 * server describes: each with a real label (the inbox's own in the
 * visitor's language, else the widget's word, "(optional)" when it is),
 * checked with the shared rules (../forms/rules.ts) on submit, each problem
 * said in the visitor's words next to its field (`aria-describedby`,
 * `aria-invalid`) and the first one focused. The server checks again and
 * names refused fields with the same codes, shown the same way. What the
 * visitor typed is kept in `typed`, so a form swapped for the other (the
 * last operator left, or one came back) starts with it.
 */
import { checkField, type FieldKind, type FormField, type ProblemCode } from '../forms/rules.js';
import type { MessageKey } from '../i18n/en.js';
import { h } from './dom.js';
import { errorText, WidgetError } from './errors.js';
import { t } from './i18n.js';

const WORDS: Partial<Record<FieldKind, MessageKey>> = {
  name: 'fieldName',
  email: 'fieldEmail',
  phone: 'fieldPhone',
  team: 'fieldTeam',
  message: 'message',
};

const PROBLEMS: Record<ProblemCode, MessageKey> = {
  required: 'errRequired',
  invalid_email: 'errEmail',
  invalid_phone: 'errPhone',
  invalid_number: 'errNumber',
  invalid_date: 'errDate',
  invalid_link: 'errLink',
  invalid_choice: 'errChoice',
  too_long: 'errTooLong',
  invalid: 'errInvalid',
};

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const INPUTS: Partial<Record<FieldKind, Record<string, string>>> = {
  name: { type: 'text', autocomplete: 'name', maxlength: '200' },
  email: { type: 'email', autocomplete: 'email', maxlength: '254' },
  phone: { type: 'tel', autocomplete: 'tel', maxlength: '40' },
  text: { type: 'text', maxlength: '1000' },
  number: { type: 'number', step: 'any' },
  date: { type: 'date' },
  link: { type: 'url', maxlength: '2048', placeholder: 'https://' },
};

export interface FormSpec {
  id: string;
  title: string;
  intro: string;
  fields: FormField[];
  submit: string;
  /** What the visitor typed so far, by field key; kept up to date. */
  typed: Record<string, unknown>;
  /** Sends the values (the request body); throws a WidgetError when refused. */
  send(body: Record<string, unknown>): Promise<void>;
}

export function buildForm(spec: FormSpec): HTMLElement {
  const controls = new Map<string, Control>();
  const errors = new Map<string, HTMLElement>();
  const alert = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'send' }, spec.submit);
  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': `${spec.id}-title`, 'aria-describedby': `${spec.id}-intro` });
  form.append(h('h2', { id: `${spec.id}-title` }, spec.title), h('p', { id: `${spec.id}-intro`, class: 'intro', dir: 'auto' }, spec.intro));

  const read = (f: FormField, c: Control): unknown => {
    if (c instanceof HTMLInputElement && c.type === 'checkbox') return c.checked;
    if (f.kind === 'number') return c.value === '' ? ((c as HTMLInputElement).validity.badInput ? Number.NaN : undefined) : Number(c.value);
    return c.value;
  };

  const show = (key: string, code: ProblemCode | null) => {
    const c = controls.get(key);
    const e = errors.get(key);
    if (!c || !e) return;
    const f = spec.fields.find((x) => x.key === key);
    // A box to tick and a choice to make say so, rather than "fill in".
    const word = code === 'required' && f?.kind === 'consent' ? 'errConsent' : code === 'required' && f?.options ? 'errChoice' : code && PROBLEMS[code];
    e.textContent = word ? t(word) : '';
    if (code) c.setAttribute('aria-invalid', 'true');
    else c.removeAttribute('aria-invalid');
  };

  for (const f of spec.fields) {
    const id = `${spec.id}-${f.key.replace(/\W/g, '-')}`;
    const word = f.label ?? (WORDS[f.kind] ? t(WORDS[f.kind] as MessageKey) : f.key);
    const check = f.kind === 'consent' || f.kind === 'boolean';
    const text = f.required || check ? word : t('optional', { label: word });
    const attrs = { id, name: f.key, 'aria-describedby': `${id}-error`, ...(f.required ? { 'aria-required': 'true' } : {}) };
    let c: Control;
    if (check) c = h('input', { ...attrs, type: 'checkbox' });
    else if (f.kind === 'message') c = h('textarea', { ...attrs, rows: '3', maxlength: '10000' });
    else if (f.options) {
      c = h('select', attrs, h('option', { value: '' }, t('choose')), ...f.options.map((o) => h('option', { value: o.value }, o.label)));
    } else c = h('input', { ...attrs, ...(INPUTS[f.kind] ?? INPUTS.text) });
    const kept = spec.typed[f.key];
    if (c instanceof HTMLInputElement && check) c.checked = kept === true;
    else if (typeof kept === 'string') c.value = kept;
    c.addEventListener(check || f.options ? 'change' : 'input', () => {
      spec.typed[f.key] = c instanceof HTMLInputElement && check ? c.checked : c.value;
      if (c.hasAttribute('aria-invalid')) show(f.key, checkField(f, read(f, c)));
    });
    const error = h('p', { class: 'field-error', id: `${id}-error` });
    controls.set(f.key, c);
    errors.set(f.key, error);
    const label = h('label', { for: id, dir: 'auto' }, text);
    form.append(h('div', { class: check ? 'field check' : 'field' }, ...(check ? [c, label] : [label, c]), error));
  }
  form.append(alert, submit);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (submit.disabled) return;
    alert.textContent = '';
    const attributes: Record<string, unknown> = {};
    const body: Record<string, unknown> = { attributes };
    let first: Control | null = null;
    for (const f of spec.fields) {
      const c = controls.get(f.key) as Control;
      const v = read(f, c);
      const code = checkField(f, v);
      show(f.key, code);
      if (code) first ??= c;
      else if (v !== undefined && v !== '') {
        const value = typeof v === 'string' ? v.trim() : v;
        if (f.key.startsWith('attributes.')) attributes[f.key.slice(11)] = value;
        else body[f.key] = value;
      }
    }
    if (first) return first.focus();
    submit.disabled = true;
    try {
      await spec.send(body);
    } catch (err) {
      const details = err instanceof WidgetError && Array.isArray(err.details) ? (err.details as { path?: string; code?: ProblemCode }[]) : [];
      const named = details.filter((d) => d.path && d.code && controls.has(d.path));
      for (const d of named) show(d.path as string, d.code as ProblemCode);
      if (named[0]) controls.get(named[0].path as string)?.focus();
      else alert.textContent = errorText(err);
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'screen form-screen' }, h('div', { class: 'scroll' }, form));
}
