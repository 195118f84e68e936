import { describe, expect, it } from 'vitest';
import { summary } from '../test/fixtures';
import { waitsForEmail } from './ConversationForms';
import { formFieldOf } from './InboxFormFields';

describe('the forms in the console', () => {
  it('marks a conversation left with the offline form as waiting for an email reply until it is resolved', () => {
    expect(waitsForEmail(summary({ id: 'c1', awaitingEmailReply: true }))).toBe(true);
    expect(waitsForEmail(summary({ id: 'c2', awaitingEmailReply: true, status: 'resolved' }))).toBe(false);
    expect(waitsForEmail(summary({ id: 'c3' }))).toBe(false);
  });

  it('puts a refused setting next to its field: a pre-chat field in its own row', () => {
    expect(formFieldOf('settings.preChat.fields.2.choices.0.teamId')).toBe('preChat.2');
    expect(formFieldOf('settings.preChat.fields.0.text')).toBe('preChat.0');
    expect(formFieldOf('settings.preChat.fields')).toBe('preChat');
    expect(formFieldOf('settings.offlineForm')).toBe('offlineForm');
    expect(formFieldOf('settings.translations.de.labels.attributes.plan')).toBe('formTexts');
    expect(formFieldOf('settings.translations.de.greeting')).toBeNull();
  });
});
