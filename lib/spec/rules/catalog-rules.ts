import type { BlueprintSpec } from '../blueprint-schema';
import { closestMatch } from '../did-you-mean';
import { ENGINE_VERSIONS, knownEngineVersions, parseEngineVersion } from '../data/engine-versions';
import { CACHE_NODE_FAMILIES, EC2_INSTANCE_FAMILIES, knownTypes, RDS_INSTANCE_FAMILIES } from '../data/instance-types';
import { allQueues, type BlueprintRule, type RuleIssue } from './rule-context';

// AWS refuses, at deploy, an engine version it never offered and a type that does not exist; these
// rules refuse them in `validate`, with the closest known value. Tables: lib/spec/data/.

const EC2_TYPES = knownTypes(EC2_INSTANCE_FAMILIES, '');
const RDS_CLASSES = knownTypes(RDS_INSTANCE_FAMILIES, 'db.');
const CACHE_NODES = knownTypes(CACHE_NODE_FAMILIES, 'cache.');

/**
 * `engineVersion` is one RDS has offered: a major (`17`, `8.4`) or a major.minor (`17.6`, `8.4.7`). Retired ones
 * load (a deployed blueprint that pins one can be diffed); whether RDS still creates one is `validate`'s dated rule
 * (lib/analyze/account-rules/engine-version-lifecycle.ts).
 */
export const engineVersionsExist: BlueprintRule = ({ spec }) => databases(spec).flatMap(({ database, path }) => {
  const version = database.engineVersion;
  if (version === undefined || parseEngineVersion(database.engine, version).known) return [];
  const suggestion = closestMatch(version, knownEngineVersions(database.engine));
  const majors = Object.keys(ENGINE_VERSIONS[database.engine]).join(', ');
  const form = database.engine === 'postgres' ? '`17` or `17.6`' : '`8.4` or `8.4.7`';
  return [{
    path: [...path, 'engineVersion'],
    message: `RDS offers no ${database.engine} version "${version}"; write a major (${majors}) or a major and minor, as ${form}`,
    fix: suggestion ? `did you mean \`engineVersion: "${suggestion}"\`?` : `use one of the majors ${majors}, or leave \`engineVersion\` out for the default`,
  }];
});

/** Instance types, RDS instance classes and ElastiCache node types exist. */
export const typesExist: BlueprintRule = ({ spec }) => [
  ...instanceTypes(spec).flatMap(({ value, path }) => unknownType(value, path, EC2_TYPES, 'EC2 instance type')),
  ...databases(spec).flatMap(({ database, path }) =>
    database.instanceClass === undefined ? [] : unknownType(database.instanceClass, [...path, 'instanceClass'], RDS_CLASSES, 'RDS instance class')),
  ...caches(spec).flatMap(({ nodeType, path }) => nodeType === undefined ? [] : unknownType(nodeType, [...path, 'nodeType'], CACHE_NODES, 'ElastiCache node type')),
];

function unknownType(value: string, path: (string | number)[], known: readonly string[], what: string): RuleIssue[] {
  if (known.includes(value)) return [];
  const suggestion = closestMatch(value, known);
  return [{
    path,
    message: `"${value}" is not an ${what} tierup knows`,
    fix: suggestion ? `did you mean \`${suggestion}\`?` : `use an existing ${what}, such as ${known[Math.floor(known.length / 2)]} (the list: lib/spec/data/instance-types.ts)`,
  }];
}

/** Every database of a blueprint with its path: the app's, then each service's. */
function databases(spec: BlueprintSpec) {
  return [
    ...(spec.database ? [{ database: spec.database, path: ['database'] as (string | number)[] }] : []),
    ...(spec.services ?? []).flatMap((service, index) => service.database ? [{ database: service.database, path: ['services', index, 'database'] as (string | number)[] }] : []),
  ];
}

/** Every cache node type of a blueprint with the path of its cache. */
function caches(spec: BlueprintSpec) {
  return [
    ...(spec.cache ? [{ nodeType: spec.cache.nodeType, path: ['cache'] as (string | number)[] }] : []),
    ...(spec.services ?? []).flatMap((service, index) => service.cache ? [{ nodeType: service.cache.nodeType, path: ['services', index, 'cache'] as (string | number)[] }] : []),
  ];
}

/** Every EC2 instance type a blueprint writes: the app's, each service's, each worker's. */
function instanceTypes(spec: BlueprintSpec) {
  const written = (value: string | undefined, path: (string | number)[]) => (value === undefined ? [] : [{ value, path }]);
  return [
    ...written(spec.app.instanceType, ['app', 'instanceType']),
    ...(spec.services ?? []).flatMap((service, index) => written(service.instanceType, ['services', index, 'instanceType'])),
    ...allQueues(spec).flatMap(({ queue, path }) => written(queue.worker?.instanceType, [...path, 'worker', 'instanceType'])),
  ];
}
