/** What the rule form offers to choose from: the workspace's teams, inboxes, labels and contact attributes. */
export interface Choice {
  id: string;
  name: string;
}

export interface RuleChoices {
  teams: Choice[];
  inboxes: Choice[];
  labels: Choice[];
  /** Contact attributes: key, label and type (a boolean one offers yes / no). */
  attributes: { key: string; label: string; type: string }[];
}

export const first = (list: Choice[]): string => list[0]?.id ?? '';
