/**
 * Variables in canned responses and macro messages: `{{contact.first_name}}`,
 * with a fallback for when the value is not known: `{{contact.first_name | there}}`.
 * The server (macros) and the console (the composer) fill them with this one
 * function, so a reply reads the same whichever sends it. Nothing here is
 * ever sent raw: what cannot be filled stays in the text as written and is
 * reported, for the operator to fix before sending.
 */

/** The variables there are values for. */
export const VARIABLES = ['contact.name', 'contact.first_name', 'contact.email', 'operator.name', 'operator.first_name', 'inbox.team_name'] as const;

export type VariableName = (typeof VARIABLES)[number];

export type VariableValues = Partial<Record<VariableName, string | null | undefined>>;

export interface Filled {
  text: string;
  /** Names that are not variables at all (a typo, or a placeholder such as `{{order.number}}`), each once. */
  unknown: string[];
  /** Known variables without a value here and without a fallback (a visitor who never gave a name), each once. */
  missing: string[];
}

/** `{{ name }}` or `{{ name | fallback }}`; the fallback is plain text on one line. */
const VARIABLE = /\{\{\s*([^{}|\n]*?)\s*(?:\|\s*([^{}\n]*?)\s*)?\}\}/g;
/** Any `{{…}}` on one line, well formed or not. */
const BRACES = /\{\{[^{}\n]*\}\}/g;

const known = new Set<string>(VARIABLES);

/**
 * Inserted values are people's names and addresses, not formatting: their
 * marks are escaped so `*Bob*` reads as typed instead of in italics.
 */
function literal(value: string): string {
  return value.replace(/[\\`*_[\]()]/g, '\\$&');
}

export function fillVariables(template: string, values: VariableValues): Filled {
  const unknown = new Set<string>();
  const missing = new Set<string>();
  const text = template.replace(VARIABLE, (whole, rawName: string, fallback: string | undefined) => {
    const name = rawName.trim();
    if (!known.has(name)) {
      unknown.add(name || whole);
      return whole;
    }
    const value = values[name as VariableName]?.trim();
    if (value) return literal(value);
    if (fallback?.trim()) return fallback.trim();
    missing.add(name);
    return whole;
  });
  return { text, unknown: [...unknown], missing: [...missing] };
}

/** Every `{{…}}` still in a text, as written, each once: a reply holding any is not ready to send. */
export function unresolvedVariables(text: string): string[] {
  return [...new Set(text.match(BRACES) ?? [])];
}

/** The first word of a name: "Maya" for "Maya Chen". */
export function firstName(name: string | null | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first || null;
}

/** The values of one conversation: its contact, the operator who sends, and the team name its inbox shows visitors. */
export function variableValues(p: {
  contact: { name: string | null; email: string | null } | null;
  operator: { name: string } | null;
  teamName: string | null;
}): VariableValues {
  return {
    'contact.name': p.contact?.name ?? null,
    'contact.first_name': firstName(p.contact?.name),
    'contact.email': p.contact?.email ?? null,
    'operator.name': p.operator?.name ?? null,
    'operator.first_name': firstName(p.operator?.name),
    'inbox.team_name': p.teamName,
  };
}
