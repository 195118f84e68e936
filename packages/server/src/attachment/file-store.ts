/** Where attachment bytes live, behind a narrow interface: local disk by default. */
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
}

/** Keys are generated ids (never user input), fanned out over subfolders. */
export function createDiskFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error('bad storage key');
    return join(root, key.slice(0, 2), key);
  };
  return {
    async put(key, data) {
      const path = pathOf(key);
      await mkdir(join(root, key.slice(0, 2)), { recursive: true });
      // Write then rename, so a crash never leaves a half-written file under the final name.
      await writeFile(`${path}.part`, data);
      await rename(`${path}.part`, path);
    },
    async get(key) {
      const path = pathOf(key);
      try {
        await stat(path);
      } catch {
        return null;
      }
      return createReadStream(path);
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
