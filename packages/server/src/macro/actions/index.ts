/** Every macro action kind: one file each, registered on import. A new kind adds its file and its line here. */
import './send-message.js';
import './assign.js';
import './set-status.js';

export { macroAction, macroActionKinds, macroActionSchema, type MacroAction, registerMacroAction } from './registry.js';
