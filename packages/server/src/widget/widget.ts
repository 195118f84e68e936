import { z } from 'zod';

/** A website key as the server makes them (`wk_` and base64url): anything else is refused before any lookup. */
export const websiteKey = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'A website key has only letters, digits, - and _');

/** The query of the loader's look request and of the chat frame page: one website key, given once. */
export const widgetKeyQuery = z.object({ key: websiteKey });
