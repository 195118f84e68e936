/** The Team page (#/team, everyone): the Team overview. */
import { TeamOverview } from './TeamOverview';

export function TeamPage() {
  return (
    <main class="settings">
      <h1>Team</h1>
      <TeamOverview />
    </main>
  );
}
