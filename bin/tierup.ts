#!/usr/bin/env node
// First: every module loaded after this one is compiled through the V8 code cache (docs/performance.md).
import '../lib/cli/install-code-cache';
// Second: `tierup synth` starts its worker threads before anything else loads (lib/cli/prestart-synth-pool.ts).
import '../lib/cli/prestart-synth-pool';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ALL_COMMANDS } from '../lib/cli/commands/all-commands';
import { EXIT } from '../lib/cli/cli-error';

// Usage errors (unknown verb, missing argument, bad flag) exit 2; everything else is handled per command.
const cli = yargs(hideBin(process.argv))
  .scriptName('tierup')
  .usage('$0 <command> [options]\n\nOne typed blueprint → CloudFormation and Terraform for the scaling level your app has reached.')
  .option('debug', { type: 'boolean', default: false, describe: 'show stack traces of internal errors' })
  .option('quiet', { type: 'boolean', default: false, describe: 'print only results and errors' })
  .strict()
  .demandCommand(1, 'name a command; see tierup --help')
  .recommendCommands()
  .wrap(Math.min(110, process.stdout.columns || 110))
  .fail((message, error) => {
    // Both yargs' own messages and errors thrown by a command's .check() are usage errors.
    process.stderr.write(`tierup: ${message ?? error?.message}\nsee: tierup --help\n`);
    process.exit(EXIT.usage);
  });

for (const command of ALL_COMMANDS) cli.command(command);

void cli.parseAsync();
