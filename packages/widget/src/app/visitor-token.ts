/**
 * The visitor token, kept in the chat app's own storage (the Switchboard
 * origin, which browsers partition per top-level site): the embedding page can
 * neither read it nor plant one of its own choosing. Without storage the
 * visitor is new on each page.
 */
const keyOf = (websiteKey: string) => `sb:${websiteKey}:visitor`;

export function storedToken(websiteKey: string): string | null {
  try {
    return localStorage.getItem(keyOf(websiteKey));
  } catch {
    return null;
  }
}

export function storeToken(websiteKey: string, token: string): void {
  try {
    localStorage.setItem(keyOf(websiteKey), token);
  } catch {
    /* storage blocked */
  }
}

/** `Switchboard('shutdown')`: the next session starts a new anonymous visitor. */
export function forgetToken(websiteKey: string): void {
  try {
    localStorage.removeItem(keyOf(websiteKey));
  } catch {
    /* storage blocked: nothing was kept */
  }
}
