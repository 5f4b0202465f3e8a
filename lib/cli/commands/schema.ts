import type { CommandModule } from 'yargs';
import { type GlobalOptions, runCommand } from '../run-command';

/** `tierup schema`: the JSON Schema of the blueprint format. */
export const schemaCommand: CommandModule<GlobalOptions, GlobalOptions> = {
  command: 'schema',
  describe: 'Print the JSON Schema of the blueprint format (for editors and CI)',
  handler: (argv) => runCommand(argv, () => {
    // Loaded here, not at the top: `tierup --help` never pays for zod.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { blueprintJsonSchema } = require('../../spec/json-schema') as typeof import('../../spec/json-schema');
    process.stdout.write(`${JSON.stringify(blueprintJsonSchema(), null, 2)}\n`);
  }),
};
