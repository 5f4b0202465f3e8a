import { blueprintJsonSchema } from './json-schema';

/** A JSON Schema node as far as the reference reads it. */
interface SchemaNode {
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly SchemaNode[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** One documented field of the blueprint: its dotted path (`app.scaling.min`, `queues[].name`). */
export interface FieldReference {
  readonly path: string;
  readonly type: string;
  readonly description: string;
}

/** Every field of the blueprint with its description, in schema order, read from the JSON Schema. */
export function blueprintFields(): FieldReference[] {
  const fields: FieldReference[] = [];
  const visit = (node: SchemaNode, prefix: string) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      fields.push({ path, type: typeOf(child), description: child.description ?? '' });
      visitChildren(child, path);
    }
  };
  const visitChildren = (node: SchemaNode, path: string) => {
    if (node.properties) visit(node, path);
    if (node.items) visitChildren(node.items, `${path}[]`);
    for (const option of node.anyOf ?? []) visitChildren(option, path);
  };
  visit(blueprintJsonSchema() as SchemaNode, '');
  return fields;
}

/** The README's spec reference: a Markdown table of every field, generated so it cannot drift. */
export function specReferenceMarkdown(): string {
  const rows = blueprintFields().map((field) => `| \`${field.path}\` | ${field.type} | ${field.description.replace(/\|/g, '\\|')} |`);
  return ['| field | type | what it is, its unit and default |', '|---|---|---|', ...rows].join('\n') + '\n';
}

function typeOf(node: SchemaNode): string {
  if (node.enum && node.enum.length > 8) return `one of ${node.enum.length} values (${node.enum.slice(0, 2).map((value) => JSON.stringify(value)).join(', ')}, …)`;
  if (node.enum) return node.enum.map((value) => JSON.stringify(value)).join(' \\| ');
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.anyOf) return node.anyOf.map(typeOf).join(' \\| ');
  if (node.type === 'array') return `list of ${node.items ? typeOf(node.items) : 'values'}`;
  if (node.type === 'object') return node.properties ? 'object' : 'map';
  if (node.type === 'integer' && node.minimum !== undefined && node.maximum !== undefined && node.maximum < 1e9) return `integer ${node.minimum}-${node.maximum}`;
  return String(node.type ?? 'any');
}
