/**
 * Who the widget header shows for an inbox's team: up to three operators of
 * the workspace who are online now, or, when none is, those who answered in
 * the inbox most recently; each with their picture or none (the widget draws
 * initials then). Also every picture by operator id, for the avatars beside
 * operators' messages. The workspace's operators are read at most once a
 * minute per node; who is online comes from presence, fresh each time.
 */
import type { PresenceStatus } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { Inbox } from '../inbox/inbox.js';
import { avatarUrl, listAvatars } from '../operator/avatar.repository.js';
import { listOperators } from '../operator/operator.repository.js';
import type { InboxStatsCache } from './inbox-stats.js';

export interface TeamMember {
  name: string;
  avatarUrl: string | null;
}

interface Roster {
  at: number;
  operators: Promise<{ id: string; name: string; avatarUrl: string | null }[]>;
}

const ROSTER_TTL_MS = 60_000;
const SHOWN = 3;

export class TeamLook {
  private readonly rosters = new Map<string, Roster>();

  constructor(
    private readonly ctx: Pick<Context, 'db' | 'now'>,
    private readonly presence: { statusOf(operatorId: string): PresenceStatus },
    private readonly stats: InboxStatsCache,
  ) {}

  private roster(workspaceId: string): Roster['operators'] {
    const now = this.ctx.now();
    const hit = this.rosters.get(workspaceId);
    if (hit && now - hit.at < ROSTER_TTL_MS) return hit.operators;
    const operators = (async () => {
      const [rows, avatars] = await Promise.all([listOperators(this.ctx.db, workspaceId), listAvatars(this.ctx.db, workspaceId)]);
      const pictures = new Map(avatars.map((a) => [a.operator_id, avatarUrl(a.key)]));
      return rows.filter((r) => r.disabled_at === null).map((r) => ({ id: r.id, name: r.name, avatarUrl: pictures.get(r.id) ?? null }));
    })();
    this.rosters.set(workspaceId, { at: now, operators });
    operators.catch(() => this.rosters.delete(workspaceId));
    return operators;
  }

  async of(inbox: Inbox): Promise<{ team: TeamMember[]; avatars: Record<string, string> }> {
    if (!inbox.settings.showAvatars) return { team: [], avatars: {} };
    const operators = await this.roster(inbox.workspaceId);
    let shown = operators.filter((o) => this.presence.statusOf(o.id) === 'online').slice(0, SHOWN);
    if (shown.length === 0) {
      const recent = (await this.stats.get(inbox.id)).recentResponders;
      shown = recent.flatMap((id) => operators.find((o) => o.id === id) ?? []);
    }
    const avatars: Record<string, string> = {};
    for (const o of operators) if (o.avatarUrl) avatars[o.id] = o.avatarUrl;
    return { team: shown.map(({ name, avatarUrl }) => ({ name, avatarUrl })), avatars };
  }
}
