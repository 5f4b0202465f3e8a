import type { CommandModule } from 'yargs';
import type { GlobalOptions } from '../run-command';
import { adviseCommand } from './advise';
import { capacityCommand } from './capacity';
import { costCommand } from './cost';
import { diagramCommand } from './diagram';
import { diffCommand } from './diff';
import { explainCommand } from './explain';
import { initCommand } from './init';
import { observeCommand } from './observe';
import { schemaCommand } from './schema';
import { synthCommand } from './synth';
import { validateCommand } from './validate';

/**
 * Every verb of the CLI, in help order. Command modules stay light: they load renderers and
 * analyses inside their handlers, so `tierup --help` never pays for aws-cdk-lib or cdktf.
 */
export const ALL_COMMANDS: readonly CommandModule<GlobalOptions, any>[] = [
  synthCommand,
  validateCommand,
  explainCommand,
  diffCommand,
  costCommand,
  capacityCommand,
  adviseCommand,
  observeCommand,
  diagramCommand,
  schemaCommand,
  initCommand,
];
