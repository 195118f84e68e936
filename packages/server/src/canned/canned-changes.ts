/**
 * What the canned response search must hear about: a canned response, a team
 * or a membership changed in a workspace. The search on this node forgets the
 * workspace at once (so a change reads back right away) and every other node
 * hears it through pub/sub.
 */
export interface CannedChanges {
  changed(workspaceId: string): Promise<void>;
}

/** For code that runs without a search index (tests of other features). */
export const noCannedIndex: CannedChanges = { changed: async () => {} };
