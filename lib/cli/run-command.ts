import { CliError, EXIT } from './cli-error';
import { SpecError } from '../spec/spec-error';
import { AwsLimitError } from '../plan/aws-limit-error';
import { paintFor } from './colour';

/** Options every command accepts. */
export interface GlobalOptions {
  readonly debug?: boolean;
  readonly quiet?: boolean;
}

/**
 * Runs a command handler and turns every failure into a clear message and an exit code:
 * spec problems and bad input exit 1, usage errors 2; a stack trace only with --debug.
 */
export async function runCommand(options: GlobalOptions, handler: () => Promise<number | void> | number | void): Promise<void> {
  try {
    const code = await handler();
    process.exitCode = code ?? EXIT.ok;
  } catch (error) {
    process.exitCode = reportFailure(error, options.debug === true);
  }
}

function reportFailure(error: unknown, debug: boolean): number {
  if (error instanceof SpecError) {
    const paint = paintFor(process.stderr);
    process.stderr.write(`${error.message.replace(/^(\S+: )error\b/gm, (_match, where: string) => `${where}${paint.red('error')}`)}\n`);
    const count = error.problems.length;
    process.stderr.write(`${count} problem${count === 1 ? '' : 's'} found; nothing was written.\n`);
    return EXIT.invalidInput;
  }
  if (error instanceof AwsLimitError) {
    process.stderr.write(`tierup: ${error.message}\n  fix: ${error.fix}\nnothing was written.\n`);
    return EXIT.invalidInput;
  }
  if (error instanceof CliError) {
    process.stderr.write(`tierup: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tierup: internal error: ${message.split('\n')[0]}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('rerun with --debug for details, and please report it with the blueprint that caused it\n');
  return EXIT.invalidInput;
}
