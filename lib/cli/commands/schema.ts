import type { CommandModule } from 'yargs';
import { blueprintJsonSchema } from '../../spec/json-schema';
import { type GlobalOptions, runCommand } from '../run-command';

/** `tierup schema`: the JSON Schema of the blueprint format. */
export const schemaCommand: CommandModule<GlobalOptions, GlobalOptions> = {
  command: 'schema',
  describe: 'Print the JSON Schema of the blueprint format (for editors and CI)',
  handler: (argv) => runCommand(argv, () => {
    process.stdout.write(`${JSON.stringify(blueprintJsonSchema(), null, 2)}\n`);
  }),
};
