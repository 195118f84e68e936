/** The virtual agent's settings per inbox (G5), as the API shows and takes them. */
import { z } from 'zod';
import { DEFAULT_AGENT_NAME, DEFAULT_AGENT_THRESHOLD, DEFAULT_MAX_TURNS } from './decide.js';
import type { VirtualAgentTable } from './virtual-agent.table.js';

export const virtualAgentSettingsSchema = z.object({
  enabled: z.boolean().describe('Answer the inbox’s new conversations with the virtual agent (off by default)'),
  name: z.string().trim().min(1).max(60).describe('The name the visitor sees on its answers'),
  maxTurns: z.number().int().min(1).max(20).describe('Answers before it hands over to a person'),
  threshold: z.number().min(0).max(1).describe('The confidence (0..1) an answer needs; below it, it hands over'),
});
export type VirtualAgentSettings = z.infer<typeof virtualAgentSettingsSchema>;

export const virtualAgentDto = virtualAgentSettingsSchema.extend({ inboxId: z.string() });
export type VirtualAgentDto = z.infer<typeof virtualAgentDto>;

export const defaultSettings = (): VirtualAgentSettings => ({
  enabled: false,
  name: DEFAULT_AGENT_NAME,
  maxTurns: DEFAULT_MAX_TURNS,
  threshold: DEFAULT_AGENT_THRESHOLD,
});

export const presentSettings = (inboxId: string, r: VirtualAgentTable | undefined): VirtualAgentDto =>
  r
    ? { inboxId, enabled: Number(r.enabled) === 1, name: r.name, maxTurns: Number(r.max_turns), threshold: Number(r.threshold) }
    : { inboxId, ...defaultSettings() };
