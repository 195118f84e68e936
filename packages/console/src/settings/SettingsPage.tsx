import { useStore } from '../store';
import { InboxesSettings } from './InboxesSettings';
import { EmailInboxesSettings } from '../email-inbound/EmailInboxesSettings';
import { LabelsSettings } from './LabelsSettings';
import { ContactAttributesSettings } from '../contact/ContactAttributesSettings';
import { OperatorsSettings } from './OperatorsSettings';
import { CannedResponsesSettings } from './CannedResponsesSettings';
import { MacrosSettings } from './MacrosSettings';
import { TeamsSettings } from './TeamsSettings';
import { SlaPoliciesSettings } from '../sla/SlaPoliciesSettings';
import { ProfileSettings } from './ProfileSettings';
import { RulesSettings } from '../rules/RulesSettings';
import { EmailSettings } from '../email/EmailSettings';
import { EmailNotifications } from '../email/EmailNotifications';
import { ApiTokensSettings } from '../api-token/ApiTokensSettings';
import { WebhooksSettings } from '../webhook/WebhooksSettings';
import { KnowledgeBaseSettings } from '../knowledge/KnowledgeBaseSettings';
import { LanguageModelSettings } from '../language-model/LanguageModelSettings';
import { VirtualAgentSettingsSection } from '../virtual-agent/VirtualAgentSettings';
import { IntentsSettings } from '../intent/IntentsSettings';
import { ProductsSettings } from '../product/ProductsSettings';
import { TriggersSettings } from '../trigger/TriggersSettings';
import { SalesSettings } from '../sales/SalesSettings';

/** `articleId`: an article to open in the Knowledge base's editor (#/settings/articles/<id>, from Search). */
export function SettingsPage({ articleId = null }: { articleId?: string | null }) {
  const role = useStore((s) => s.me?.role);
  // Everyone keeps their own canned responses and macros; the workspace's other settings are for admins.
  if (role !== 'owner' && role !== 'admin') {
    return (
      <main class="settings">
        <h1>Settings</h1>
        <ProfileSettings />
        <EmailNotifications />
        <CannedResponsesSettings />
        <MacrosSettings />
        {role === 'supervisor' && <RulesSettings canEdit={false} />}
        {role === 'supervisor' && <KnowledgeBaseSettings openId={articleId} />}
        <ProductsSettings />
        {role === 'supervisor' && <TriggersSettings canEdit={false} />}
      </main>
    );
  }
  return (
    <main class="settings">
      <h1>Settings</h1>
      <ProfileSettings />
      <EmailNotifications />
      <OperatorsSettings />
      <InboxesSettings />
      <EmailInboxesSettings />
      <LabelsSettings />
      <ContactAttributesSettings />
      <TeamsSettings />
      <SlaPoliciesSettings />
      <RulesSettings canEdit />
      <KnowledgeBaseSettings openId={articleId} />
      <VirtualAgentSettingsSection />
      <IntentsSettings />
      <TriggersSettings canEdit />
      <EmailSettings />
      <CannedResponsesSettings />
      <MacrosSettings />
      <ApiTokensSettings />
      <WebhooksSettings />
      <LanguageModelSettings />
      <ProductsSettings />
      <SalesSettings />
    </main>
  );
}
