/** Input fields several features share. */
import { cleanName } from '@switchboard/text';
import { z } from 'zod';

/**
 * A name other people see (operator, contact, team, inbox): one line, without
 * control or invisible formatting characters (see `cleanName`).
 */
export const displayName = (max: number, what = 'a name') =>
  z
    .string()
    .transform(cleanName)
    .pipe(z.string().min(1, `Enter ${what}`).max(max, `Keep it under ${max} characters`));
