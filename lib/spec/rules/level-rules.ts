import { describeLevel, type Level } from '../levels';
import { type BlueprintRule, duplicates, type RuleIssue } from './rule-context';

/** Fields and sections that a level introduces: writing them below that level is an error. */
const LEVEL_GATES = [
  // At level 1 `database.engine` alone picks the engine installed on the server (PostgreSQL or MariaDB).
  ...(['engineVersion', 'instanceClass', 'storageGb', 'multiAz', 'backupRetentionDays', 'existingName'] as const)
    .map((field) => ({ path: ['database', field], level: 2, what: `database.${field} (RDS)` }) as const),
  { path: ['cache'], level: 3, what: 'cache' },
  // A domain brings CloudFront in from the first level, so the address viewers use survives every climb.
  { path: ['cdn'], level: 4, what: 'cdn (without a domain)', unless: ['domain'] },
  { path: ['app', 'scaling'], level: 4, what: 'app.scaling (an auto-scaling fleet)' },
  { path: ['network', 'natGateways'], level: 4, what: 'network.natGateways (private subnets behind NAT)' },
  { path: ['database', 'readReplicas'], level: 4, what: 'database.readReplicas' },
  { path: ['database', 'proxy'], level: 4, what: 'database.proxy (RDS Proxy)' },
  { path: ['database', 'shards'], level: 5, what: 'database.shards' },
  { path: ['queues'], level: 5, what: 'queues' },
  { path: ['services'], level: 6, what: 'services' },
  { path: ['multiRegion'], level: 7, what: 'multiRegion' },
] as const satisfies readonly { path: readonly string[]; level: Level; what: string; unless?: readonly string[] }[];

/** Sections and fields written below the level that introduces them. */
export const sectionsBelowTheirLevel: BlueprintRule = ({ level, raw }) =>
  LEVEL_GATES.filter((gate) => level < gate.level && hasPath(raw, gate.path) && !('unless' in gate && hasPath(raw, gate.unless))).map((gate) => ({
    path: gate.path,
    atKey: true,
    message: `${gate.what} needs level ${describeLevel(gate.level)} or higher, and this blueprint is at level ${describeLevel(level)}`,
    fix: 'unless' in gate
      ? `raise \`level\` to ${gate.level}, add \`${gate.unless.join('.')}\`, or remove \`${gate.path.join('.')}\``
      : `raise \`level\` to ${gate.level} or remove \`${gate.path.join('.')}\``,
  }));

/** `app.dataVolumeGb` sizes level 1's data volume; from level 2 the data is in RDS and the volume has left the stack. */
export const levelOneFieldsOnlyAtLevelOne: BlueprintRule = ({ level, raw }) =>
  level >= 2 && hasPath(raw, ['app', 'dataVolumeGb'])
    ? [{
        path: ['app', 'dataVolumeGb'],
        atKey: true,
        message: `app.dataVolumeGb sizes level 1's data volume, and this blueprint is at level ${describeLevel(level)}: from level 2 the data is in RDS and the volume is kept out of the stack`,
        fix: 'remove `app.dataVolumeGb` (size the database with `database.storageGb`)',
      }]
    : [];

/** Several regions only at level 7, which needs them and `multiRegion`. */
export const regionsFitTheLevel: BlueprintRule = ({ spec, level }) => {
  const issues: RuleIssue[] = [];
  if (level < 7 && spec.regions.length > 1) {
    issues.push({
      path: ['regions'],
      message: `${spec.regions.length} regions need level ${describeLevel(7)}`,
      fix: 'keep one region, or raise `level` to 7 and add `multiRegion`',
    });
  }
  if (level === 7 && spec.regions.length < 2) {
    issues.push({
      path: ['regions'],
      message: 'level 7 (multi-region) needs at least two regions',
      fix: 'list a second region, e.g. `regions: [us-east-1, eu-west-1]`',
    });
  }
  if (level === 7 && !spec.multiRegion) {
    issues.push({
      path: ['multiRegion'],
      message: 'level 7 (multi-region) needs `multiRegion` with a domain name and hosted zone',
      fix: 'add `multiRegion: { mode: active-passive, domainName: app.example.com, hostedZoneName: example.com }`',
    });
  }
  return [...issues, ...duplicates(spec.regions, ['regions'], 'region')];
};

function hasPath(value: unknown, path: readonly string[]): boolean {
  let current: unknown = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return current !== undefined && current !== null;
}
