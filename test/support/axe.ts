/**
 * axe-core, run inside Chromium on a page or a frame: the accessibility
 * problems it finds, as one line each, kept to the serious and critical ones.
 */
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}

/** Serious and critical violations in the document of `target` (a page or a frame), as readable lines. */
export async function axeProblems(target: Page | Frame, options: { include?: string } = {}): Promise<string[]> {
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(axeSource);
  const result = (await target.evaluate(
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global
    (include) => (window as any).axe.run(include ?? document, { resultTypes: ['violations'] }),
    options.include,
  )) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`));
}
