import { useState } from 'preact/hooks';
import { api, messageOf } from '../api';
import { CopyField } from '../ui/CopyField';
import { FormAlert } from '../ui/Field';
import { fullTime } from '../ui/time';

interface Props {
  /** The inbox editor's id prefix. */
  id: string;
  inboxId: string;
  secretSetAt: number | null;
  required: boolean;
  onRequiredChange: (on: boolean) => void;
  onSecretMade: (at: number) => void;
}

/**
 * The inbox's identity verification: make or replace its secret (shown once,
 * here, right after), how to compute the hash on the website's server, and
 * "Require verified identity" (saved with the inbox).
 */
export function IdentityVerificationField({ id, inboxId, secretSetAt, required, onRequiredChange, onSecretMade }: Props) {
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = `${id}-identity-title`;

  async function make() {
    setBusy(true);
    setError(null);
    try {
      const r = await api.rotateIdentitySecret(inboxId);
      setSecret(r.secret);
      setConfirming(false);
      onSecretMade(r.createdAt);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset class="identity-verification" aria-labelledby={titleId}>
      <legend id={titleId}>Identity verification</legend>
      <p class="muted small">
        Your site tells the chat who its signed-in user is with <code>{"Switchboard('identify', { id, name, email }, { hash })"}</code>, where <code>hash</code>{' '}
        is the hex HMAC-SHA256 of the user id with this secret, computed on your server (never in the page). A valid hash shows the user their past
        conversations on any device; without one, what the page says stays unverified.
      </p>
      <p class="small" id={`${id}-secret-state`}>
        {secretSetAt ? `Secret made ${fullTime(secretSetAt)}.` : 'No secret yet: nobody can be verified.'}
      </p>
      {secret && (
        <div class="secret-once">
          <CopyField label="Identity secret" value={secret} />
          <p class="warning" role="status">
            Copy it now and keep it on your server: it is shown only this once.
          </p>
          <p class="muted small">
            Node: <code>crypto.createHmac('sha256', SECRET).update(userId).digest('hex')</code> · PHP: <code>hash_hmac('sha256', $userId, $secret)</code> ·
            Python: <code>hmac.new(secret.encode(), user_id.encode(), hashlib.sha256).hexdigest()</code> · Ruby:{' '}
            <code>OpenSSL::HMAC.hexdigest('SHA256', secret, user_id)</code>
          </p>
        </div>
      )}
      {secretSetAt && !confirming && (
        <button type="button" class="btn btn-sm" onClick={() => setConfirming(true)} disabled={busy}>
          Rotate secret
        </button>
      )}
      {secretSetAt && confirming && (
        <div class="confirm-rotate">
          <p class="warning" id={`${id}-rotate-warning`}>
            The current secret stops working at once: hashes made with it no longer verify anyone, and visitors verified with it are unverified until your site
            identifies them with the new one.
          </p>
          <button type="button" class="btn btn-sm btn-danger" onClick={make} disabled={busy} aria-describedby={`${id}-rotate-warning`}>
            Rotate now
          </button>{' '}
          <button type="button" class="btn btn-sm btn-ghost" onClick={() => setConfirming(false)} disabled={busy}>
            Keep the current secret
          </button>
        </div>
      )}
      {!secretSetAt && (
        <button type="button" class="btn btn-sm" onClick={make} disabled={busy}>
          Generate secret
        </button>
      )}
      <FormAlert message={error} />
      <div class="field field-check">
        <label for={`${id}-require-identity`}>
          <input
            id={`${id}-require-identity`}
            type="checkbox"
            checked={required}
            aria-describedby={`${id}-require-identity-hint`}
            onChange={(e) => onRequiredChange(e.currentTarget.checked)}
          />
          Require verified identity
        </label>
        <p class="muted small" id={`${id}-require-identity-hint`}>
          Only visitors your site vouches for may start or write in conversations; the chat asks the others to sign in on your site.
        </p>
      </div>
    </fieldset>
  );
}
