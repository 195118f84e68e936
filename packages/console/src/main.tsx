import { render } from 'preact';
import { App } from './App';
import { restoreSession } from './auth/session';
import { unlockAudio } from './realtime/notify';
import { parseRoute, setNavigateHandler } from './router';
import { dispatch } from './store';

dispatch({ type: 'route', route: parseRoute(location.hash) });
dispatch({ type: 'visible', visible: !document.hidden });
setNavigateHandler((route) => dispatch({ type: 'route', route }));
window.addEventListener('hashchange', () => dispatch({ type: 'route', route: parseRoute(location.hash) }));
document.addEventListener('visibilitychange', () => dispatch({ type: 'visible', visible: !document.hidden }));
// Browsers only let audio start after a user gesture: unlock it on the first one.
document.addEventListener('pointerdown', unlockAudio, { once: true });
document.addEventListener('keydown', unlockAudio, { once: true });

render(<App />, document.getElementById('app')!);
void restoreSession();
