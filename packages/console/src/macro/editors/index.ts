/** Every macro action editor, registered on import. A new kind adds its file and its line here (as on the server). */
import './send-message';
import './add-note';
import './labels';
import './assign';
import './set-status';
import './snooze';
