import { describe, expect, it } from 'vitest';
import { contrastRatio, textOn } from './contrast.js';

describe('text on the inbox colour', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('keeps white on dark colours and turns dark on light ones', () => {
    expect(textOn('#1f6feb')).toBe('#ffffff');
    expect(textOn('#ffd400')).toBe('#111827');
    expect(textOn('#f5f5f5')).toBe('#111827');
  });

  it('reaches 4.5:1 on every grey and every primary', () => {
    for (let v = 0; v < 256; v += 3) {
      const grey = `#${v.toString(16).padStart(2, '0').repeat(3)}`;
      expect(contrastRatio(textOn(grey), grey)).toBeGreaterThanOrEqual(4.5);
    }
    for (const c of ['#ff0000', '#00ff00', '#0000ff', '#ff00ff', '#00ffff', '#808000', '#767676'])
      expect(contrastRatio(textOn(c), c)).toBeGreaterThanOrEqual(4.5);
  });
});
