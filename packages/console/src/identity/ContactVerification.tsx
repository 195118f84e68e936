import type { ContactDto } from '@switchboard/protocol';
import { Icon } from '../ui/icons';
import { fullTime } from '../ui/time';

/**
 * Whether the website vouched for this contact, in words: "Verified" with
 * the website's user id and when, or "Unverified" (with the id the page
 * claimed, if any: shown, never trusted). For wherever a contact shows.
 */
export function ContactVerification({ contact }: { contact: ContactDto | null | undefined }) {
  if (contact?.verifiedAt) {
    return (
      <span class="verification">
        <span class="verification-on">
          <Icon name="check" size={13} />
          Verified
        </span>
        <span class="verification-sub">
          {contact.externalId && <>User id {contact.externalId} · </>}
          <time dateTime={new Date(contact.verifiedAt).toISOString()}>{fullTime(contact.verifiedAt)}</time>
        </span>
      </span>
    );
  }
  return (
    <span class="verification verification-off">
      Unverified
      {contact?.claimedId && <span class="muted"> · says they are user {contact.claimedId}</span>}
    </span>
  );
}

/** The list entry's small mark for a contact the website vouched for. */
export function VerifiedMark({ contact }: { contact: ContactDto | null | undefined }) {
  if (!contact?.verifiedAt) return null;
  return (
    <span class="verified-mark" role="img" aria-label="Verified contact" title="Verified contact">
      <Icon name="check" size={12} />
    </span>
  );
}
