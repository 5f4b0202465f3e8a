/** A failure the CLI reports in one line with an exit code, never with a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 | 3 = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit codes of DESIGN.md §4. */
export const EXIT = {
  ok: 0,
  invalidInput: 1,
  usage: 2,
  unsafeDiff: 3,
} as const;
