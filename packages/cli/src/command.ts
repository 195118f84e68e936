/** Where a command writes: results to `out`, progress and problems to `err`. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** A progress line that may be overwritten by the next one (on a terminal). */
  progress(line: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}

/** Wrong arguments or unusable input files: exit code 2 with a message for the person typing. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function processIo(): Io {
  const tty = Boolean(process.stderr.isTTY);
  let pending = false;
  const clear = () => {
    if (pending) process.stderr.write('\n');
    pending = false;
  };
  return {
    out: (line) => {
      clear();
      process.stdout.write(`${line}\n`);
    },
    err: (line) => {
      clear();
      process.stderr.write(`${line}\n`);
    },
    progress: (line) => {
      if (tty) {
        process.stderr.write(`\r${line}\u001b[K`);
        pending = true;
      } else process.stderr.write(`${line}\n`);
    },
  };
}
