/**
 * Secrets a workspace stores (a language model's API key) are kept encrypted
 * at rest with AES-256-GCM under one server key: SWITCHBOARD_SECRET_KEY, or
 * else a key made once into the data directory (secret.key, mode 0600).
 * A sealed value names the key it was sealed with (the first bytes of the
 * key's SHA-256), so a node with another key says so instead of guessing,
 * and is bound to what it belongs to (the workspace): copied elsewhere, it
 * does not open.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { secretKeyBytes } from '../config.js';

const VERSION = 'v1';

export class SecretBox {
  readonly keyId: string;
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The secret key must be 32 bytes');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  /** `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url); `boundTo` must be given again to open it. */
  seal(plain: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, this.keyId, iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** The secret, or why not: sealed with another key, or not a sealed value of this thing (changed, or moved). */
  open(sealed: string, boundTo: string): { ok: true; value: string } | { ok: false; reason: 'other_key' | 'corrupt' } {
    const [version, keyId, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) return { ok: false, reason: 'corrupt' };
    if (keyId !== this.keyId) return { ok: false, reason: 'other_key' };
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const value = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      return { ok: true, value };
    } catch {
      return { ok: false, reason: 'corrupt' };
    }
  }
}

/** The server key: the configured one, else the data directory's key file, made on first use (mode 0600). */
export function serverSecretKey(config: Pick<Config, 'secretKey' | 'dataDir'>): Buffer {
  if (config.secretKey) return config.secretKey;
  const file = join(config.dataDir, 'secret.key');
  const read = () => {
    const key = secretKeyBytes(readFileSync(file, 'utf8'));
    if (!key) throw new Error(`${file} does not hold a 32-byte key (base64): restore it, or set SWITCHBOARD_SECRET_KEY`);
    return key;
  };
  try {
    return read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // 'wx': two processes starting at once keep the first key written.
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return read();
}
