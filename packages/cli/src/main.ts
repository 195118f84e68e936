import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Io, UsageError, processIo } from './command.js';
import { COMMANDS } from './registry.js';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: switchboard <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "switchboard <command> --help" for a command\'s options.',
  ].join('\n');
}

/** Runs one command line and returns the process exit code (0 ok, 1 failure, 2 bad usage or input). */
export async function run(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`switchboard: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`switchboard ${command.name}: ${error.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`switchboard ${command.name}: ${message}`);
    return EXIT_FAILURE;
  }
}
