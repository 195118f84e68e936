/** The unread count of a chat, read out as "N unread"; nothing when there is none. */
export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span class="badge">
      {count}
      <span class="sr-only"> unread</span>
    </span>
  );
}
