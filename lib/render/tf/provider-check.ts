import { type BlockSchema, loadTypeSchema } from './provider-schema';
import type { TfConfig } from './synthesize';

/** One problem found in a Terraform JSON configuration. */
export interface TfFinding {
  /** `aws_db_instance.database` or `data.aws_kms_alias.key`. */
  readonly address: string;
  /** Dotted path of the argument (`metadata_options.http_tokens`), or '' for the type itself. */
  readonly argument: string;
  readonly problem: string;
}

/** Terraform meta-arguments, valid on every resource whatever its schema. */
const META_ARGUMENTS = new Set(['//', 'provider', 'depends_on', 'lifecycle', 'count', 'for_each', 'connection', 'provisioner']);

type Section = Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;

/** How each top-level section is addressed and which bindings describe it. */
const SECTIONS = [
  { key: 'resource', prefix: '', schemaKind: 'resource', label: 'resource' },
  { key: 'data', prefix: 'data.', schemaKind: 'data', label: 'data source' },
  // cdktf 0.21's bindings have no ephemeral types (tierup writes those blocks raw); the AWS provider's ephemeral
  // resources take the arguments of the data source of the same name (`aws_secretsmanager_random_password`).
  { key: 'ephemeral', prefix: 'ephemeral.', schemaKind: 'data', label: 'ephemeral resource (as data source)' },
] as const;

/**
 * Checks a configuration against the installed provider bindings, offline (no `terraform init`):
 * every resource, data source and ephemeral resource type exists, every argument exists and has the right
 * shape (scalar, list, map or block), and every required argument is present. Returns findings; never throws.
 */
export function checkTfConfig(config: TfConfig): TfFinding[] {
  return SECTIONS.flatMap(({ key, prefix, schemaKind, label }) => Object.entries((config[key] ?? {}) as Section).flatMap(([type, byName]) => {
    const schema = loadTypeSchema(schemaKind, type);
    return Object.entries(byName).flatMap(([name, body]) => {
      const address = `${prefix}${type}.${name}`;
      return schema === null
        ? [{ address, argument: '', problem: `@cdktf/provider-aws has no ${label} type ${type}` }]
        : checkBlock(address, '', body, schema, true);
    });
  }));
}

function checkBlock(address: string, path: string, body: Record<string, unknown>, schema: BlockSchema, topLevel: boolean): TfFinding[] {
  const at = (name: string): string => (path ? `${path}.${name}` : name);
  const present = Object.entries(body).flatMap(([name, value]): TfFinding[] => {
    if (topLevel && META_ARGUMENTS.has(name)) return referenceProblems(address, name, value);
    const argument = schema.get(name);
    if (argument === undefined) return [{ address, argument: at(name), problem: 'unknown argument' }];
    const shape = shapeProblem(value, argument.isBlock, argument.type);
    if (shape !== null) return [{ address, argument: at(name), problem: shape }];
    const nested = argument.nested;
    if (nested === null || isExpression(value)) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.flatMap((item, index) => isObject(item)
      ? checkBlock(address, Array.isArray(value) ? `${at(name)}[${index}]` : at(name), item, nested, false)
      : []);
  });
  const missing = [...schema].filter(([name, argument]) => argument.required && !(name in body))
    .map(([name]) => ({ address, argument: at(name), problem: 'required argument is missing' }));
  return [...present, ...missing];
}

/** Why a value cannot be this argument, or null when its shape fits. */
function shapeProblem(value: unknown, isBlock: boolean, type: string): string | null {
  if (isExpression(value)) return null;
  if (isBlock) {
    const items = Array.isArray(value) ? value : [value];
    return items.every(isObject) ? null : 'a block must be an object or a list of objects';
  }
  if (type === 'dynamic') return null;
  if (type === 'list' || type === 'set') return Array.isArray(value) ? null : `a ${type} must be an array`;
  if (type === 'map') return isObject(value) ? null : 'a map must be an object';
  return isObject(value) || Array.isArray(value) ? 'a single value is expected, not an object or array' : null;
}

/** A Terraform expression (`${aws_vpc.network.id}`) may stand for any shape. */
function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('${') && value.endsWith('}');
}

/**
 * Terraform reads `depends_on` and lifecycle's `replace_triggered_by` as references (`aws_db_instance.database`),
 * not expressions: in JSON a `${...}` string there fails `terraform init` and every later command with "A single
 * static variable reference is required" (a list of references, no expressions:
 * https://developer.hashicorp.com/terraform/language/meta-arguments/depends_on; checked with Terraform 1.11).
 */
function referenceProblems(address: string, name: string, value: unknown): TfFinding[] {
  const lists: Array<readonly [string, unknown]> = name === 'depends_on' ? [['depends_on', value]]
    : name === 'lifecycle' && isObject(value) && 'replace_triggered_by' in value ? [['lifecycle.replace_triggered_by', value.replace_triggered_by]] : [];
  return lists.flatMap(([argument, list]) => (Array.isArray(list) ? list : [list])
    .filter((entry) => typeof entry !== 'string' || !STATIC_REFERENCE.test(entry))
    .map((entry) => ({ address, argument, problem: `${JSON.stringify(entry)} is not a static reference (write it without \${...}, e.g. "aws_db_instance.database")` })));
}

/** `aws_db_instance.database`, `data.aws_iam_policy_document.x`, `module.m`, `aws_instance.server.id`. */
const STATIC_REFERENCE = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)+$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
