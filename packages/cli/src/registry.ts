import type { Command } from './command.js';
import { evalCommand } from './commands/eval.js';

/** Every top-level command; add new ones here (one file per command under commands/). */
export const COMMANDS: readonly Command[] = [evalCommand];
