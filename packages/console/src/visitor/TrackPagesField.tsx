/** The inbox editor's page tracking switch, on by default. */
export function TrackPagesField({ id, on, onChange }: { id: string; on: boolean; onChange: (on: boolean) => void }) {
  return (
    <div class="field field-check">
      <label for={`${id}-track-pages`}>
        <input
          id={`${id}-track-pages`}
          type="checkbox"
          checked={on}
          aria-describedby={`${id}-track-pages-hint`}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        Track visitors' pages
      </label>
      <p class="muted small" id={`${id}-track-pages-hint`}>
        The chat connects in the background once each page has loaded, so the Visitors page shows who is on your site and operators see the pages each visitor
        viewed. Off: only visitors who opened the chat (or are chatting) are seen.
      </p>
    </div>
  );
}
