/** The values of one conversation's variables: its contact, the signed-in operator, and the team name its inbox shows visitors. */
import { type VariableValues, variableValues } from '@switchboard/text';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type Inbox } from '../api';
import { useStore } from '../store';

/** Inboxes change rarely: one request per page load is enough for their team names. */
let inboxes: Promise<Inbox[]> | null = null;
function teamNames(): Promise<Inbox[]> {
  inboxes ??= api.inboxes().then(
    (r) => r.items,
    () => {
      inboxes = null;
      return [];
    },
  );
  return inboxes;
}

export function useVariableValues(conversationId: string): VariableValues {
  const contact = useStore((s) => s.conversations[conversationId]?.contact ?? null);
  const inboxId = useStore((s) => s.conversations[conversationId]?.inboxId ?? null);
  const me = useStore((s) => s.me);
  const [teamName, setTeamName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void teamNames().then((list) => live && setTeamName(list.find((i) => i.id === inboxId)?.settings.teamName ?? null));
    return () => {
      live = false;
    };
  }, [inboxId]);
  return useMemo(() => variableValues({ contact, operator: me, teamName }), [contact, me, teamName]);
}
