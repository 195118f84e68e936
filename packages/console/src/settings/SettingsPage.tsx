import { useStore } from '../store';
import { InboxesSettings } from './InboxesSettings';
import { LabelsSettings } from './LabelsSettings';
import { OperatorsSettings } from './OperatorsSettings';

export function SettingsPage() {
  const role = useStore((s) => s.me?.role);
  if (role !== 'owner' && role !== 'admin') {
    return (
      <main class="settings">
        <h1>Settings</h1>
        <p class="muted">Only admins can change the workspace settings.</p>
      </main>
    );
  }
  return (
    <main class="settings">
      <h1>Settings</h1>
      <OperatorsSettings />
      <InboxesSettings />
      <LabelsSettings />
    </main>
  );
}
