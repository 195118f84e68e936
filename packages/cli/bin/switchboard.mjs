#!/usr/bin/env node
// Runs the TypeScript entry directly: workspace packages are consumed as source.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/main.ts');
process.exitCode = await run(process.argv.slice(2));
