/**
 * The SDK's commands in the chat app (src/app/sdk.ts): run one after another
 * in the order the page called them, even when an earlier one is slow;
 * arguments of the wrong shape are refused with a word in the page's console
 * and stop nothing; so do unknown commands and ones that fail.
 */
import { describe, expect, it } from 'vitest';
import { SdkCommands, type SdkHost } from './app/sdk.js';

function recorder() {
  const done: string[] = [];
  const warnings: string[] = [];
  let release: () => void = () => {};
  const slow = new Promise<void>((r) => (release = r));
  const host: SdkHost = {
    async identify(user) {
      // The identification takes a while (the server answers); what follows must wait for it.
      await slow;
      done.push(`identify ${JSON.stringify(user)}`);
    },
    async setAttributes(a) {
      done.push(`setAttributes ${JSON.stringify(a)}`);
    },
    async track(e) {
      if (e.name === 'explodes') throw new Error('network');
      done.push(`track ${e.name}${e.data ? ` ${JSON.stringify(e.data)}` : ''}`);
    },
    async shutdown() {
      done.push('shutdown');
    },
    async trigger(e) {
      done.push(`trigger ${JSON.stringify(e)}`);
    },
  };
  return { sdk: new SdkCommands(host, (w) => warnings.push(w)), done, warnings, release };
}

describe('SDK commands', () => {
  it('run in the order the page called them, each after the one before has finished', async () => {
    const { sdk, done, warnings, release } = recorder();
    void sdk.run('identify', [{ id: 'u1' }, { hash: 'h' }]);
    void sdk.run('setAttributes', [{ plan: 'pro', seats: 3 }]);
    void sdk.run('track', ['Added to cart', { value: 42 }]);
    const last = sdk.run('shutdown', []);
    await Promise.resolve();
    expect(done).toEqual([]);
    release();
    await last;
    expect(done).toEqual(['identify {"id":"u1"}', 'setAttributes {"plan":"pro","seats":3}', 'track Added to cart {"value":42}', 'shutdown']);
    expect(warnings).toEqual([]);
  });

  it('refuse arguments of the wrong shape, unknown commands and failures, in words, and go on', async () => {
    const { sdk, done, warnings, release } = recorder();
    release();
    void sdk.run('track', ['']);
    void sdk.run('track', ['<b>bold</b>']);
    void sdk.run('track', ['Nested', { a: { b: 1 } }]);
    void sdk.run('setAttributes', ['plan']);
    void sdk.run('setAttributes', [{ ok: Number.NaN }]);
    void sdk.run('boot', []);
    void sdk.run('__proto__', []);
    void sdk.run('track', ['explodes']);
    await sdk.run('track', ['Still counted']);
    expect(done).toEqual(['track Still counted']);
    expect(warnings).toEqual([
      'track ignored: the event name must be 1 to 100 letters, digits, spaces or . : / - _',
      'track ignored: the event name must be 1 to 100 letters, digits, spaces or . : / - _',
      'track ignored: attribute values must be strings, numbers or booleans',
      'setAttributes ignored: attributes must be a flat object of at most 50 keys',
      'setAttributes ignored: attribute values must be strings, numbers or booleans',
      'unknown command "boot"',
      'unknown command "__proto__"',
      'track failed: network',
    ]);
  });

  it("pass the trigger script's shown and reply events on, and refuse other shapes", async () => {
    const { sdk, done, warnings, release } = recorder();
    release();
    await sdk.run('trigger', [{ action: 'shown', id: 't1', variant: 'b', visitId: 'v1' }]);
    await sdk.run('trigger', [{ action: 'reply', id: 't1' }]);
    await sdk.run('trigger', [{ action: 'shown', id: 't1', variant: 'c' }]);
    await sdk.run('trigger', ['t1']);
    expect(done).toEqual(['trigger {"action":"shown","id":"t1","variant":"b","visitId":"v1"}', 'trigger {"action":"reply","id":"t1"}']);
    expect(warnings).toEqual(['trigger ignored: not a trigger', 'trigger ignored: not a trigger']);
  });

  it('sends a purchase whole (items and all) for the server to check, and refuses one that is not an object', async () => {
    const { sdk, done, warnings } = recorder();
    const order = { orderId: 'A-1', value: 49.9, currency: 'EUR', items: [{ productId: 'TENT-2P', quantity: 1, price: 49.9 }], hmac: 'f00d' };
    void sdk.run('track', ['purchase', order]);
    await sdk.run('track', ['purchase', ['A-1']]);
    expect(done).toEqual([`track purchase ${JSON.stringify(order)}`]);
    expect(warnings).toEqual(['track ignored: a purchase is an object']);
  });
});
