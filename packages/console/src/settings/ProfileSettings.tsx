/** Your own profile: the picture visitors see in the widget (or your initials). */
import { AutoAwaySelect } from '../team/AutoAwaySelect';
import { useEffect, useState } from 'preact/hooks';
import { api, messageOf } from '../api';
import { useStore } from '../store';
import { FormAlert } from '../ui/Field';

const initials = (name: string) =>
  name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => [...w][0]?.toUpperCase() ?? '')
    .filter((_, i, all) => i === 0 || i === all.length - 1)
    .join('') || '?';

export function ProfileSettings() {
  const me = useStore((s) => s.me);
  const [avatarUrl, setAvatarUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    api.me().then(
      (m) => setAvatarUrl(m.avatarUrl ?? null),
      (err) => setError(messageOf(err)),
    );
  }, []);

  async function change(task: () => Promise<string | null>, done: string) {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      setAvatarUrl(await task());
      setSaved(done);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const removed = async () => {
    await api.removeAvatar();
    return null;
  };

  function upload(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void change(async () => (await api.uploadAvatar(file)).avatarUrl, 'Picture updated');
  }

  return (
    <section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <div class="profile">
        {avatarUrl ? (
          <img class="profile-picture" src={avatarUrl} alt={`${me?.name ?? 'You'}, as visitors see you`} />
        ) : (
          <span class="profile-picture" role="img" aria-label="Your initials (no picture)">
            {initials(me?.name ?? '')}
          </span>
        )}
        <div class="field">
          <label for="avatar-file">Picture</label>
          <input
            id="avatar-file"
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            disabled={busy}
            aria-describedby="avatar-hint"
            onChange={upload}
          />
          <span class="muted small" id="avatar-hint">
            PNG, JPEG, GIF or WebP, at most 1 MB. Visitors see it in the chat when you answer or are online.
          </span>
        </div>
        {avatarUrl && (
          <button type="button" class="btn btn-sm" disabled={busy} onClick={() => void change(removed, 'Picture removed')}>
            Remove picture
          </button>
        )}
        {saved && (
          <span class="muted small" role="status">
            {saved}
          </span>
        )}
      </div>
      {/* Also in the top bar; here too for screens where the bar has no room for it. */}
      <AutoAwaySelect shown />
      <FormAlert message={error} />
    </section>
  );
}
