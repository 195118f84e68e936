/** Every macro action kind: one file each, registered on import. A new kind adds its file and its line here. */
import './send-message.js';
import './add-note.js';
import './labels.js';
import './assign.js';
import './set-status.js';
import './snooze.js';

export { macroAction, macroActionKinds, macroActionSchema, type MacroAction, registerMacroAction } from './registry.js';
