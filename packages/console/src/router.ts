/**
 * Hash routes, so the server only has to serve one page: #/inbox, #/c/<id>, #/visitors, #/contacts, #/contacts/<id>, #/team, #/tasks, #/sales,
 * #/settings, #/settings/articles/<id> (Settings with that article open in the Knowledge base's editor), #/invite/<token>.
 */
export type Route =
  | { name: 'inbox' }
  | { name: 'conversation'; id: string }
  | { name: 'visitors' }
  | { name: 'contacts' }
  | { name: 'contact'; id: string }
  | { name: 'settings' }
  | { name: 'article'; id: string }
  | { name: 'team' }
  | { name: 'tasks' }
  | { name: 'sales' }
  | { name: 'invite'; token: string };

const ID = /^[A-Za-z0-9_-]{1,200}$/;

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const [head, arg] = parts;
  if (head === 'c' && arg && ID.test(arg)) return { name: 'conversation', id: arg };
  if (head === 'invite' && arg && ID.test(arg)) return { name: 'invite', token: arg };
  if (head === 'settings') return arg === 'articles' && parts[2] && ID.test(parts[2]) ? { name: 'article', id: parts[2] } : { name: 'settings' };
  if (head === 'team') return { name: 'team' };
  if (head === 'tasks') return { name: 'tasks' };
  if (head === 'sales') return { name: 'sales' };
  if (head === 'visitors') return { name: 'visitors' };
  if (head === 'contacts') return arg && ID.test(arg) ? { name: 'contact', id: arg } : { name: 'contacts' };
  return { name: 'inbox' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'conversation':
      return `#/c/${route.id}`;
    case 'invite':
      return `#/invite/${route.token}`;
    case 'settings':
      return '#/settings';
    case 'article':
      return `#/settings/articles/${route.id}`;
    case 'team':
      return '#/team';
    case 'tasks':
      return '#/tasks';
    case 'sales':
      return '#/sales';
    case 'visitors':
      return '#/visitors';
    case 'contacts':
      return '#/contacts';
    case 'contact':
      return `#/contacts/${route.id}`;
    default:
      return '#/inbox';
  }
}

/** Goes to a route; `onNavigate` (main.tsx) updates the store at once rather than on the later hashchange. */
let onNavigate: (route: Route) => void = () => {};
export function setNavigateHandler(fn: (route: Route) => void): void {
  onNavigate = fn;
}

export function navigate(route: Route): void {
  const href = hrefOf(route);
  if (location.hash === href) return;
  location.hash = href;
  onNavigate(route);
}
