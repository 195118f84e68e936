/**
 * A website's script typed with sdk.d.ts: every command and event as the
 * README shows them. Each `@ts-expect-error` is a misuse the types must
 * refuse (the check fails if one is accepted). Compiled by
 * src/sdk-types.test.ts with tsconfig.json beside this file.
 */
import type { SwitchboardMessage } from '../sdk.js';

const seen: string[] = [];
Switchboard('on', 'ready', () => seen.push('ready'));
Switchboard('on', 'unread', (count) => seen.push(`unread ${count.toFixed(0)}`));
const onMessage = (m: SwitchboardMessage) => seen.push(`${m.author.name ?? 'Team'}: ${m.body}`);
Switchboard('on', 'message', onMessage);
Switchboard('off', 'message', onMessage);
Switchboard('identify', { id: 'cust-1001', hash: 'f00d', email: 'maya@example.com', name: 'Maya' });
Switchboard('identify', { id: 'cust-1001' }, { hash: 'f00d' });
Switchboard('setAttributes', { plan: 'pro', seats: 3, trial: false });
Switchboard('track', 'Added to cart', { sku: 'TENT-2P', value: 249.9 });
Switchboard('track', 'Signed up');
Switchboard('track', 'purchase', { orderId: 'A-1001', value: 249.9, currency: 'EUR', items: [{ productId: 'TENT-2P', quantity: 1, price: 249.9 }] });
Switchboard('track', 'purchase', { orderId: 'A-1002', value: 12, currency: 'USD', hmac: 'f00d' });
Switchboard('open');
Switchboard('toggle');
Switchboard('close');
window.Switchboard('shutdown');

// @ts-expect-error an unknown command
Switchboard('boot');
// @ts-expect-error identify needs the user's id
Switchboard('identify', { email: 'maya@example.com', hash: 'f00d' });
// @ts-expect-error attributes are flat
Switchboard('setAttributes', { address: { city: 'Lyon' } });
// @ts-expect-error the unread count is a number
Switchboard('on', 'unread', (count: string) => seen.push(count));
// @ts-expect-error no such event
Switchboard('on', 'typing', () => {});
// @ts-expect-error an event needs its name
Switchboard('track', { value: 1 });
// @ts-expect-error a purchase needs its order id, value and currency
Switchboard('track', 'purchase', { value: 1 });
// @ts-expect-error a purchase's value is a number
Switchboard('track', 'purchase', { orderId: 'A-1', value: '12.00', currency: 'EUR' });
// @ts-expect-error an item's quantity is a number
Switchboard('track', 'purchase', { orderId: 'A-1', value: 12, currency: 'EUR', items: [{ productId: 'P', quantity: '1' }] });

export { seen };
