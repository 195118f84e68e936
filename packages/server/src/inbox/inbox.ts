import { z } from 'zod';

export const inboxSettings = z.object({
  greeting: z.string().max(500).default('Hi there! How can we help?'),
  teamName: z.string().max(100).default('Support'),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f6feb')
    .default('#1f6feb'),
  position: z.enum(['right', 'left']).default('right'),
  /** Pages allowed to embed the widget, e.g. "https://shop.example.com". Empty: any origin. */
  allowedOrigins: z.array(z.string().url().max(200)).max(50).default([]),
});

export type InboxSettings = z.infer<typeof inboxSettings>;

export interface Inbox {
  id: string;
  workspaceId: string;
  name: string;
  kind: 'website';
  websiteKey: string;
  settings: InboxSettings;
  createdAt: number;
}

export const createInboxInput = z.object({
  name: z.string().trim().min(1).max(100),
  settings: inboxSettings.partial().optional(),
});

export const updateInboxInput = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  settings: inboxSettings.partial().optional(),
});

/** What the widget may learn about its inbox before any visitor exists. */
export interface PublicInbox {
  name: string;
  greeting: string;
  teamName: string;
  color: string;
  position: 'right' | 'left';
}
