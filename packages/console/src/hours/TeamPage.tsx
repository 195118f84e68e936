/** The Team page (#/team): the supervision wall for supervisors, owners and admins, and the Team overview for everyone. */
import { useStore } from '../store';
import { SupervisionWall } from '../wall/SupervisionWall';
import { TeamOverview } from './TeamOverview';

export function TeamPage() {
  const role = useStore((s) => s.me?.role);
  return (
    <main class="settings">
      <h1>Team</h1>
      {role && role !== 'operator' && <SupervisionWall />}
      <TeamOverview />
    </main>
  );
}
