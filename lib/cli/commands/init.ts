import type { CommandModule } from 'yargs';
import { LEVELS, type Level, levelOf, LEVEL_NAME_LIST, type LevelName } from '../../spec/levels';
import { type GlobalOptions, runCommand } from '../run-command';

interface InitOptions extends GlobalOptions {
  readonly level: string;
  readonly name: string;
}

/** `tierup init`: prints a starter blueprint. */
export const initCommand: CommandModule<GlobalOptions, InitOptions> = {
  command: 'init',
  describe: 'Print a starter blueprint for a level',
  builder: (yargs) => yargs
    .option('level', { type: 'string', default: '1', describe: `1-7 or ${LEVEL_NAME_LIST.join(', ')}` })
    .option('name', { type: 'string', default: 'app', describe: 'application name (lower-case, at most 16 characters)' })
    .check((argv) => {
      if (!parseLevel(argv.level)) throw new Error(`--level must be 1-7 or one of ${LEVEL_NAME_LIST.join(', ')}`);
      if (!/^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,15}$/.test(argv.name)) throw new Error('--name must be lower-case letters, digits and single hyphens, at most 16 characters');
      return true;
    }),
  handler: (argv) => runCommand(argv, () => {
    // Loaded here, not at the top: `tierup --help` never pays for yaml.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { starterBlueprint } = require('../../spec/starter-blueprint') as typeof import('../../spec/starter-blueprint');
    process.stdout.write(starterBlueprint({ name: argv.name, level: parseLevel(argv.level)! }));
  }),
};

function parseLevel(value: string): Level | undefined {
  const number = Number(value);
  if ((LEVELS as readonly number[]).includes(number)) return number as Level;
  return (LEVEL_NAME_LIST as readonly string[]).includes(value) ? levelOf(value as LevelName) : undefined;
}
