import type { CommandModule } from 'yargs';
import { AWS_REGIONS } from '../../spec/regions';
import { LEVELS, type Level, levelOf, LEVEL_NAME_LIST, type LevelName } from '../../spec/levels';
import { type GlobalOptions, runCommand } from '../run-command';
import { schemaReferenceFor } from '../schema-reference';
import { writeOutputFile } from '../write-output-file';

interface InitOptions extends GlobalOptions {
  readonly level: string;
  readonly name: string;
  readonly environment: 'production' | 'staging' | 'development';
  readonly region?: string[];
  readonly engine: 'postgres' | 'mysql';
  readonly 'cache-engine': 'redis' | 'valkey';
  readonly domain?: string;
  readonly 'hosted-zone'?: string;
  readonly out?: string;
}

/** `tierup init`: prints (or writes) a starter blueprint that states only what differs from the environment's defaults. */
export const initCommand: CommandModule<GlobalOptions, InitOptions> = {
  command: 'init',
  describe: 'Print a starter blueprint for a level and environment',
  builder: (yargs) => yargs
    .option('level', { type: 'string', default: '1', describe: `1-7 or ${LEVEL_NAME_LIST.join(', ')}` })
    .option('name', { type: 'string', default: 'app', describe: 'application name (lower-case, at most 16 characters)' })
    .option('environment', { choices: ['production', 'staging', 'development'] as const, default: 'production' as const, describe: 'sizes and retention come from this environment\'s defaults' })
    .option('region', { type: 'string', array: true, describe: 'AWS region(s), the first primary (default us-east-1; two at level 7)' })
    .option('engine', { choices: ['postgres', 'mysql'] as const, default: 'postgres' as const, describe: 'database engine (level 2 and up)' })
    .option('cache-engine', { choices: ['redis', 'valkey'] as const, default: 'redis' as const, describe: 'cache engine (level 3 and up)' })
    .option('domain', { type: 'string', describe: 'your domain, e.g. shop.example.com: HTTPS on it at every level (CloudFront in front)' })
    .option('hosted-zone', { type: 'string', describe: 'the Route 53 zone that holds --domain (default: --domain without its first label)' })
    .option('out', { alias: 'o', type: 'string', describe: 'write the blueprint to this file instead of printing it; $schema is made relative to it' })
    .check((argv) => {
      if (!parseLevel(argv.level)) throw new Error(`--level must be 1-7 or one of ${LEVEL_NAME_LIST.join(', ')}`);
      if (!/^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,15}$/.test(argv.name)) throw new Error('--name must be lower-case letters, digits and single hyphens, at most 16 characters');
      const unknown = (argv.region ?? []).find((region) => !(AWS_REGIONS as readonly string[]).includes(region));
      if (unknown !== undefined) throw new Error(`--region ${unknown} is not an AWS region; e.g. us-east-1, eu-central-1`);
      const level = parseLevel(argv.level);
      const count = (argv.region ?? []).length;
      if (count > 1 && level !== 7) throw new Error('several --region values need --level 7 (multi-region)');
      if (level === 7 && count === 1) throw new Error('--level 7 needs two --region values, e.g. --region us-east-1 --region eu-west-1');
      if (argv['hosted-zone'] !== undefined && argv.domain === undefined) throw new Error('--hosted-zone needs --domain');
      if (argv.domain !== undefined && !/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/.test(argv.domain)) throw new Error('--domain must be a lower-case DNS name like shop.example.com');
      if (argv.domain !== undefined && argv.domain.split('.').length < 3 && argv['hosted-zone'] === undefined) throw new Error(`--domain ${argv.domain} is a zone apex: give --hosted-zone ${argv.domain}`);
      const zone = argv['hosted-zone'] ?? argv.domain?.split('.').slice(1).join('.');
      if (argv.domain !== undefined && zone !== undefined && argv.domain !== zone && !argv.domain.endsWith(`.${zone}`)) throw new Error(`--domain ${argv.domain} is not inside --hosted-zone ${zone}`);
      return true;
    }),
  handler: (argv) => runCommand(argv, () => {
    // Loaded here, not at the top: `tierup --help` never pays for yaml.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { starterBlueprint } = require('../../spec/starter-blueprint') as typeof import('../../spec/starter-blueprint');
    const level = parseLevel(argv.level)!;
    const region = argv.region ?? [];
    const text = starterBlueprint({
      name: argv.name,
      level,
      environment: argv.environment,
      regions: region.length > 0 ? region : undefined,
      databaseEngine: argv.engine,
      cacheEngine: argv['cache-engine'],
      domain: argv.domain === undefined ? undefined : { name: argv.domain, hostedZone: argv['hosted-zone'] ?? argv.domain.split('.').slice(1).join('.') },
      schemaReference: schemaReferenceFor(argv.out),
    });
    if (argv.out) writeOutputFile(argv.out, text, '--out');
    else process.stdout.write(text);
  }),
};

function parseLevel(value: string): Level | undefined {
  const number = Number(value);
  if ((LEVELS as readonly number[]).includes(number)) return number as Level;
  return (LEVEL_NAME_LIST as readonly string[]).includes(value) ? levelOf(value as LevelName) : undefined;
}
