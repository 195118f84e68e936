import { INSERT_RICH_EVENT, type RichRequest } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { cardRequest, comparisonRequest, imageSrc, insertRich } from './product-suggest-api';

describe('product suggestions in the console', () => {
  it('asks for a card, or a comparison with the product in context', () => {
    expect(cardRequest('lamp')).toEqual({ type: 'product', productId: 'lamp' });
    expect(comparisonRequest('lamp', 'lamp-plus')).toEqual({ type: 'comparison', productIds: ['lamp', 'lamp-plus'] });
    expect(comparisonRequest(null, 'lamp-plus')).toBeNull();
    expect(comparisonRequest('lamp', 'lamp')).toBeNull();
  });

  it('shows only the checked copy or http(s) images', () => {
    expect(imageSrc('/api/v1/product-images/ws/lamp?v=2')).toBe('/api/v1/product-images/ws/lamp?v=2');
    expect(imageSrc('javascript:alert(1)')).toBeNull();
    expect(imageSrc(null)).toBeNull();
  });

  it('dispatches the composer’s window event', () => {
    const seen: RichRequest[] = [];
    const target = new EventTarget();
    const original = globalThis.window;
    (globalThis as { window: unknown }).window = target;
    target.addEventListener(INSERT_RICH_EVENT, (e) => seen.push((e as CustomEvent<RichRequest>).detail));
    insertRich(cardRequest('lamp'));
    (globalThis as { window: unknown }).window = original;
    expect(seen).toEqual([{ type: 'product', productId: 'lamp' }]);
  });
});
