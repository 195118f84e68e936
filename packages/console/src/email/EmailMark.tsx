/** Under an operator message that goes by mail: "Emailed", "Queued" (waiting or being retried), or "Email failed: <the server's reason>". */
import type { MessageEmail } from '@switchboard/protocol';

export function emailLabel(email: MessageEmail): string {
  if (email.state === 'sent') return 'Emailed';
  if (email.state === 'failed') return `Email failed: ${email.error ?? 'no reason given'}`;
  return 'Queued';
}

export function EmailMark({ email }: { email: MessageEmail | null | undefined }) {
  if (!email) return null;
  const label = emailLabel(email);
  return (
    <div
      class={`msg-email msg-email-${email.state}`}
      title={`${label} (${email.recipient})${email.state === 'queued' && email.error ? `. Last try: ${email.error}` : ''}`}
    >
      {label}
    </div>
  );
}
