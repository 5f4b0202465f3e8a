import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** How one argument of a resource or block is written in Terraform JSON. */
export interface ArgumentSchema {
  /** A nested block (object, or array of objects), not an attribute. */
  readonly isBlock: boolean;
  /** cdktf's kind: `simple` (a scalar), `list`, `set`, `map` or `struct`; `dynamic` for a built-in argument of any value. */
  readonly type: string;
  /** cdktf's storage class: `string`, `number`, `boolean`, `stringList`, or a block's class name. */
  readonly storageClassType: string;
  readonly required: boolean;
  /** The nested block's (or object list's) arguments; null for scalars and plain lists or maps. */
  readonly nested: BlockSchema | null;
}

/** The arguments of a resource, data source or nested block, by their Terraform names. */
export type BlockSchema = ReadonlyMap<string, ArgumentSchema>;

/**
 * The schema of one resource or data source type (or, as `provider`, `aws` itself), read from the generated bindings of @cdktf/provider-aws:
 * each module's JavaScript maps Terraform argument names to their shape (`synthesizeHclAttributes` and the
 * `<block>ToHclTerraform` functions give `isBlock`, `type`, `storageClassType`), and its TypeScript
 * declarations say which arguments are required (config interface members without `?`). Only the modules
 * of the types asked for are read; null when the bindings have no such type.
 */
export function loadTypeSchema(kind: 'resource' | 'data' | 'provider', type: string): BlockSchema | null {
  if (kind === 'resource' && Object.hasOwn(BUILTIN_RESOURCES, type)) return BUILTIN_RESOURCES[type];
  const key = `${kind}:${type}`;
  const cached = SCHEMAS.get(key);
  if (cached !== undefined) return cached;
  const schema = readTypeSchema(kind, type);
  SCHEMAS.set(key, schema);
  return schema;
}

const SCHEMAS = new Map<string, BlockSchema | null>();

/** An argument that takes any value (Terraform's `dynamic` type). */
const ANY_VALUE: ArgumentSchema = { isBlock: false, type: 'dynamic', storageClassType: 'any', required: false, nested: null };

/**
 * Terraform's built-in resource types, which no provider's bindings describe (cdktf's own `DataResource` writes
 * `terraform_data` without shapes): it stores any value in `input`, and `triggers_replace` replaces it.
 * https://developer.hashicorp.com/terraform/language/resources/terraform-data
 */
const BUILTIN_RESOURCES: Readonly<Record<string, BlockSchema>> = {
  terraform_data: new Map([['input', ANY_VALUE], ['triggers_replace', ANY_VALUE]]),
};

const LIB = join(dirname(require.resolve('@cdktf/provider-aws/package.json')), 'lib');

function readTypeSchema(kind: 'resource' | 'data' | 'provider', type: string): BlockSchema | null {
  const module = `${kind === 'data' ? 'data-' : ''}${type.replace(/_/g, '-')}`;
  // The provider's own arguments (`provider "aws" { ... }`) are the `provider` module's.
  const directory = kind === 'provider'
    ? join(LIB, 'provider')
    : join(LIB, module.replace(/^(data-)?aws-/, (_match, data: string | undefined) => (data ? 'data-aws-' : '')));
  if (!existsSync(join(directory, 'index.js'))) return null;
  const source = readFileSync(join(directory, 'index.js'), 'utf8');
  const declarations = readFileSync(join(directory, 'index.d.ts'), 'utf8');
  const className = new RegExp(`(\\w+)\\.tfResourceType = "${type}";`).exec(source)?.[1];
  if (className === undefined) return null;
  const interfaces = parseInterfaces(declarations);
  const mappers = parseMappers(source);
  const topLevel = between(source, 'synthesizeHclAttributes() {', '\n    }\n');
  return buildSchema(topLevel, `${className}Config`, interfaces, mappers);
}

/** Interface name → member name → optional. */
type Interfaces = ReadonlyMap<string, ReadonlyMap<string, boolean>>;

function parseInterfaces(declarations: string): Interfaces {
  const result = new Map<string, Map<string, boolean>>();
  for (const match of declarations.matchAll(/export interface (\w+)(?: extends [^{]+)? \{([\s\S]*?)\n\}/g)) {
    const members = new Map<string, boolean>();
    for (const member of match[2].matchAll(/^ {4}readonly (\w+)(\?)?:/gm)) members.set(member[1], member[2] === '?');
    result.set(match[1], members);
  }
  return result;
}

/** Mapper function name (`dbProxyAuth`) → the body listing its attributes. */
function parseMappers(source: string): ReadonlyMap<string, string> {
  const result = new Map<string, string>();
  for (const match of source.matchAll(/function (\w+)ToHclTerraform\(struct\) \{([\s\S]*?)\n\}/g)) result.set(match[1], match[2]);
  return result;
}

const ATTRIBUTE = /(\w+): \{\s*value: ([\s\S]*?),\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",?\s*\}/g;

function buildSchema(body: string, interfaceName: string, interfaces: Interfaces, mappers: ReadonlyMap<string, string>, depth = 0): BlockSchema {
  const members = interfaces.get(interfaceName) ?? new Map<string, boolean>();
  const schema = new Map<string, ArgumentSchema>();
  for (const [, name, value, isBlock, type, storageClassType] of body.matchAll(ATTRIBUTE)) {
    const member = /(?:struct\.|this\._)(\w+)/.exec(value)?.[1] ?? '';
    const mapper = /(\w+)ToHclTerraform\b/.exec(value.replace(/cdktf\.\w+ToHclTerraform/g, ''))?.[1];
    const mapperBody = mapper === undefined ? undefined : mappers.get(mapper);
    schema.set(name, {
      isBlock: isBlock === 'true',
      type,
      storageClassType,
      required: members.get(member) === false,
      // Recursive block types exist (e.g. WAF statements); ten levels is deeper than any configuration here.
      nested: mapper !== undefined && mapperBody !== undefined && depth < 10
        ? buildSchema(mapperBody, mapper[0].toUpperCase() + mapper.slice(1), interfaces, mappers, depth + 1)
        : null,
    });
  }
  return schema;
}

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  if (from < 0) return '';
  const to = text.indexOf(end, from);
  return text.slice(from + start.length, to < 0 ? undefined : to);
}
