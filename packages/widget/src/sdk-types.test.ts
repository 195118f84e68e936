/**
 * The SDK's published types (packages/widget/sdk.d.ts) compile a website's
 * usage of every command and event (types-test/usage.ts), and refuse the
 * misuses marked there with `@ts-expect-error`.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

describe('sdk.d.ts', () => {
  it('types a website’s calls and refuses wrong ones', () => {
    const configPath = fileURLToPath(new URL('../types-test/tsconfig.json', import.meta.url));
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!config) throw new Error('no tsconfig');
    const program = ts.createProgram(config.fileNames, config.options);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName.split('/').pop() ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });
});
