/**
 * The loader's weight, as websites pay it: built as packages/widget/build.mjs
 * builds it, gzipped at level 9 (as bench/widget.bench.ts measures it), at
 * most 2,048 B. The SDK's queue and events live in it, so this guards them.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the loader', () => {
  it('stays within 2,048 B gzipped', async () => {
    const out = await build({
      entryPoints: [new URL('./loader.ts', import.meta.url).pathname],
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
      tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
    });
    const bytes = gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length;
    expect(bytes).toBeLessThanOrEqual(2048);
  });
});
