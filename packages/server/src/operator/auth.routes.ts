import { z } from 'zod';
import type { Context } from '../context.js';
import { sessionCookie } from '../http/cookies.js';
import { route } from '../http/route.js';
import { operatorSchema } from '../http/schemas.js';
import { login, logout } from './auth.service.js';
import { acceptInviteInput, loginInput } from './operator.js';
import { presentOperator } from './operator.presenter.js';
import { acceptInvite } from './operator.service.js';
import type { Presence } from '../realtime/presence.js';
import { ipLimiter } from '../http/ip-limit.js';
import { preferencesInput, preferencesOf, updatePreferences } from './preferences.js';
import { avatarUrlOf } from './avatar.service.js';

/** The signed-in operator with their own preferences. */
const meSchema = operatorSchema.extend({
  awayAfterMinutes: z.number().describe('Idle minutes before showing as away; 0: never'),
  avatarUrl: z.string().nullable().describe('Your picture as visitors see it; null: your initials'),
});

export const authRoutes = (ctx: Context, presence: Presence) => {
  // A few tries at once, then one every five seconds per address: slows password guessing.
  const limit = ipLimiter(ctx.config.loginRateLimit, 0.2);
  return [
    route({
      method: 'POST',
      url: '/api/v1/auth/login',
      operationId: 'login',
      summary: 'Sign in with email and password; sets the session cookie and returns the token',
      tag: 'auth',
      auth: 'none',
      body: loginInput,
      response: z.object({ token: z.string(), expiresAt: z.number(), operator: operatorSchema }),
      limit,
      handler: async ({ body, reply }) => {
        const s = await login(ctx, body.email, body.password);
        reply.header('set-cookie', sessionCookie(s.token, (s.expiresAt - ctx.now()) / 1000, ctx.config.cookieSecure));
        return { token: s.token, expiresAt: s.expiresAt, operator: presentOperator(s.operator, presence.statusOf(s.operator.id)) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/auth/logout',
      operationId: 'logout',
      summary: 'End this session',
      tag: 'auth',
      auth: 'operator',
      handler: async ({ operator, sessionId, reply }) => {
        if (sessionId) await logout(ctx, operator!, sessionId);
        reply.header('set-cookie', sessionCookie('', 0, ctx.config.cookieSecure));
        return undefined;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/auth/me',
      operationId: 'getCurrentOperator',
      summary: 'The signed-in operator, with their own preferences',
      tag: 'auth',
      auth: 'operator',
      response: meSchema,
      handler: async ({ operator }) => ({
        ...presentOperator(operator!, presence.statusOf(operator!.id)),
        ...(await preferencesOf(ctx, operator!)),
        avatarUrl: await avatarUrlOf(ctx, operator!.id),
      }),
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      operationId: 'updateCurrentOperator',
      summary: 'Change your own preferences (idle minutes before away); only the fields named change',
      tag: 'auth',
      auth: 'operator',
      body: preferencesInput,
      response: meSchema,
      handler: async ({ operator, body }) => ({
        ...presentOperator(operator!, presence.statusOf(operator!.id)),
        ...(await updatePreferences(ctx, operator!, body)),
        avatarUrl: await avatarUrlOf(ctx, operator!.id),
      }),
    }),
    route({
      method: 'POST',
      url: '/api/v1/auth/accept-invite',
      operationId: 'acceptInvite',
      summary: 'Set a password from an invite link',
      tag: 'auth',
      auth: 'none',
      body: acceptInviteInput,
      response: operatorSchema,
      handler: async ({ body }) => presentOperator(await acceptInvite(ctx, body.token, body.password, body.name), 'offline'),
    }),
  ];
};
