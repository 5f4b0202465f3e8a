import { writeFileSync } from 'node:fs';
import { CliError } from './cli-error';

/** Writes a file the user named with a flag; a path that cannot be written is bad input, said plainly. */
export function writeOutputFile(path: string, text: string, flag: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(`cannot write ${path} (${code}); choose another ${flag}`);
  }
}
