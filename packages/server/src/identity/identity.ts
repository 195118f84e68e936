/**
 * Identity from the host site: the page says who its signed-in user is
 * (`id`, and optionally their name, email and attributes) and vouches for it
 * with `hash` = hex HMAC-SHA256 of the id under the inbox's identity secret,
 * computed on the site's server. Only a valid hash makes a visitor that
 * contact; everything else stays unverified data on the visitor's own contact.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { displayName } from '../fields.js';

/** At most this many attributes in one identification. */
export const MAX_ATTRIBUTES = 50;

const attributeValue = z.union([z.string().max(1000, 'Keep text values under 1,000 characters'), z.number().finite(), z.boolean()], {
  error: 'Each attribute is text, a number or true/false',
});

/** Custom attributes the site gives: a flat object of text, numbers and booleans. */
export const identityAttributes = z
  .record(z.string().trim().min(1, 'An attribute needs a name').max(100, 'Keep attribute names under 100 characters'), attributeValue)
  .refine((o) => Object.keys(o).length <= MAX_ATTRIBUTES, `At most ${MAX_ATTRIBUTES} attributes`);

export type IdentityAttributes = z.infer<typeof identityAttributes>;

/**
 * What the widget sends: a typed name or email (as before), and what the site
 * says through `Switchboard('identify', { id, email, name, attributes }, { hash })`.
 */
export const identifyInput = z.object({
  name: displayName(200).optional(),
  email: z.string().trim().toLowerCase().email().max(254).optional(),
  /** The site's id for its signed-in user. */
  id: z.string().trim().min(1, 'The id is empty').max(200, 'Keep the id under 200 characters').optional(),
  /** Hex HMAC-SHA256 of `id` under the inbox's identity secret. Anything else counts as no hash. */
  hash: z.string().max(200).optional(),
  attributes: identityAttributes.optional(),
});

export type IdentifyInput = z.infer<typeof identifyInput>;

/** A new identity secret: 32 random bytes, hex, with a prefix that says what it is (secret scanners see it). */
export const newIdentitySecret = (): string => `ids_${randomBytes(32).toString('hex')}`;

/**
 * Whether `hash` is the hex HMAC-SHA256 of `id` under `secret` (the secret's
 * text as UTF-8 bytes, the same on every language). Compared in constant
 * time; a hash of the wrong shape is compared too, against nothing it could match.
 */
export function hashMatches(secret: string, id: string, hash: string): boolean {
  const expected = createHmac('sha256', secret).update(id, 'utf8').digest();
  const wellFormed = /^[0-9a-fA-F]{64}$/.test(hash);
  const given = wellFormed ? Buffer.from(hash, 'hex') : Buffer.alloc(expected.length);
  return timingSafeEqual(expected, given) && wellFormed;
}
