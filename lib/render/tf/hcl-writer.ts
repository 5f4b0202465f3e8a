import { type BlockSchema, loadTypeSchema } from './provider-schema';
import { formatTokens, type HclToken, literalTokens, referenceTokens, soleInterpolation, templateTokens } from './hcl-tokens';
import type { TfConfig } from './synthesize';

/** Options of {@link writeHcl}. */
export interface HclWriteOptions {
  /**
   * Comment lines written first inside a block, without their `#`, by address (`aws_sqs_queue.queue_emails`,
   * `data.aws_region.current`): checkov reads its skips from them (`checkov:skip=CKV_AWS_27:reason`).
   */
  readonly comments?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Writes a Terraform JSON configuration as HCL that means the same and that `terraform fmt -check` accepts.
 * Terraform JSON leaves to the provider schema whether an object is a nested block or a map-valued attribute;
 * the installed provider bindings decide it here ({@link loadTypeSchema}), as Terraform decides it.
 * Meta-arguments (`provider`, `depends_on`, `lifecycle`, `count`, `for_each`) and the references of `removed`
 * and `moved` blocks become bare references; strings that are one `${...}` become the expression.
 */
export function writeHcl(config: TfConfig, options: HclWriteOptions = {}): string {
  const comments = options.comments ?? new Map<string, readonly string[]>();
  const sections: Line[][] = [];
  const known = new Set(SECTION_ORDER);
  for (const section of [...SECTION_ORDER, ...Object.keys(config).filter((key) => !known.has(key) && key !== '//').toSorted()]) {
    const value = config[section];
    if (value === undefined) continue;
    sections.push(...writeSection(section, value, comments));
  }
  return `${sections.map(render).join('\n')}`;
}

const SECTION_ORDER = ['terraform', 'provider', 'variable', 'locals', 'data', 'ephemeral', 'resource', 'module', 'removed', 'moved', 'import', 'check', 'output'];

/** One written line: its indent level, the text up to `=` and, for an attribute on one line, `= value`. */
interface Line {
  readonly indent: number;
  readonly lead: string;
  readonly assign: string | null;
}

type Body = Readonly<Record<string, unknown>>;

/** A block's contents: what kind of body it is (which arguments are references) and its provider schema. */
interface BodyContext {
  readonly schema: BlockSchema | null;
  /** Arguments whose strings are references (`depends_on`, `from`, `provider`...). */
  readonly references: ReadonlySet<string>;
  /** Arguments that are blocks whatever the schema says (`lifecycle`, `precondition`). */
  readonly blocks: ReadonlyMap<string, BodyContext | 'labelled'>;
  /** Resource bodies put `provider`, `count` and `for_each` first and `lifecycle`, `depends_on` last. */
  readonly metaOrder: boolean;
}

const LIFECYCLE: BodyContext = {
  schema: null,
  references: new Set(['ignore_changes', 'replace_triggered_by']),
  blocks: new Map([['precondition', plain()], ['postcondition', plain()]]),
  metaOrder: false,
};

function plain(references: readonly string[] = []): BodyContext {
  return { schema: null, references: new Set(references), blocks: new Map(), metaOrder: false };
}

function resourceContext(schema: BlockSchema | null): BodyContext {
  return {
    schema,
    references: new Set(['provider', 'depends_on']),
    blocks: new Map<string, BodyContext | 'labelled'>([['lifecycle', LIFECYCLE], ['connection', plain()], ['provisioner', 'labelled']]),
    metaOrder: true,
  };
}

function writeSection(section: string, value: unknown, comments: ReadonlyMap<string, readonly string[]>): Line[][] {
  switch (section) {
    case 'resource':
    case 'data':
    case 'ephemeral':
      return Object.entries(value as Readonly<Record<string, Readonly<Record<string, unknown>>>>).flatMap(([type, byName]) => Object.entries(byName)
        .flatMap(([name, body]) => items(body).map((item) => {
          const address = `${section === 'resource' ? '' : `${section}.`}${type}.${name}`;
          // cdktf 0.21 has no bindings of ephemeral types; the provider's ephemeral resources take their data source's arguments.
          const schema = loadTypeSchema(section === 'resource' ? 'resource' : 'data', type);
          return block(0, [section, quote(type), quote(name)], item, resourceContext(schema), comments.get(address) ?? []);
        })));
    case 'provider':
      return Object.entries(value as Readonly<Record<string, unknown>>).flatMap(([name, bodies]) => items(bodies)
        .map((item) => block(0, ['provider', quote(name)], item, { ...plain(), schema: name === 'aws' ? loadTypeSchema('provider', name) : null }, [])));
    case 'terraform':
      return items(value).map((item) => block(0, ['terraform'], item, TERRAFORM, []));
    case 'locals':
      return items(value).map((item) => block(0, ['locals'], item, plain(), []));
    case 'removed':
    case 'moved':
    case 'import':
      return items(value).map((item) => block(0, [section], item, REFERENCE_BLOCKS[section], []));
    default:
      // output, variable, module, check: one labelled block per name.
      return Object.entries(value as Readonly<Record<string, unknown>>).flatMap(([name, bodies]) => items(bodies)
        .map((item) => block(0, [section, quote(name)], item, LABELLED_BLOCKS[section] ?? plain(), [])));
  }
}

const TERRAFORM: BodyContext = {
  schema: null,
  references: new Set(['experiments']),
  blocks: new Map<string, BodyContext | 'labelled'>([['backend', 'labelled'], ['cloud', plain()], ['provider_meta', 'labelled'], ['required_providers', plain()]]),
  metaOrder: false,
};

const REFERENCE_BLOCKS: Readonly<Record<string, BodyContext>> = {
  removed: { ...plain(['from']), blocks: new Map<string, BodyContext | 'labelled'>([['lifecycle', plain()], ['provisioner', 'labelled']]) },
  moved: plain(['from', 'to']),
  import: plain(['to', 'provider']),
};

const LABELLED_BLOCKS: Readonly<Record<string, BodyContext>> = {
  output: { ...plain(['depends_on']), blocks: new Map([['precondition', plain()]]) },
  variable: { ...plain(['type']), blocks: new Map([['validation', plain()]]) },
  module: plain(['depends_on', 'providers']),
};

/** A JSON block value is one object or a list of them. */
function items(value: unknown): Body[] {
  return (Array.isArray(value) ? value : [value]).filter((item): item is Body => isObject(item));
}

function isObject(value: unknown): value is Body {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function quote(label: string): string {
  return formatTokens(literalTokens(label));
}

const FIRST = ['provider', 'count', 'for_each'];
const LAST = ['lifecycle', 'depends_on'];

/** `header... {`, the body one level in, `}`: or `header... {}` when empty. */
function block(indent: number, header: readonly string[], body: Body, context: BodyContext, comments: readonly string[]): Line[] {
  const entries = Object.entries(body).filter(([key]) => key !== '//');
  if (entries.length === 0 && comments.length === 0) return [{ indent, lead: `${header.join(' ')} {}`, assign: null }];
  const groups = context.metaOrder
    ? [entries.filter(([key]) => FIRST.includes(key)), entries.filter(([key]) => !FIRST.includes(key) && !LAST.includes(key)), LAST.flatMap((key) => entries.filter(([name]) => name === key))]
    : [entries];
  const lines: Line[] = comments.map((comment) => ({ indent: indent + 1, lead: `#${comment}`, assign: null }));
  for (const group of groups.filter((entries) => entries.length > 0)) {
    if (lines.length > 0) lines.push(BLANK);
    // Attributes first, then nested blocks, as Terraform's style guide orders them.
    const written = group.map(([key, value]) => ({ key, lines: argument(indent + 1, key, value, context) }));
    lines.push(...written.filter((entry) => !entry.lines.isBlock).flatMap((entry) => entry.lines.lines));
    lines.push(...written.filter((entry) => entry.lines.isBlock).flatMap((entry) => entry.lines.lines));
  }
  return [{ indent, lead: `${header.join(' ')} {`, assign: null }, ...lines, { indent, lead: '}', assign: null }];
}

const BLANK: Line = { indent: 0, lead: '', assign: null };

function argument(indent: number, key: string, value: unknown, context: BodyContext): { lines: Line[]; isBlock: boolean } {
  const special = context.blocks.get(key);
  if (special === 'labelled' && isObject(value)) {
    return { isBlock: true, lines: Object.entries(value).flatMap(([label, bodies]) => items(bodies).flatMap((item) => block(indent, [key, quote(label)], item, plain(), []))) };
  }
  if (special !== undefined && special !== 'labelled' && (isObject(value) || (Array.isArray(value) && value.every(isObject)))) {
    return { isBlock: true, lines: items(value).flatMap((item) => block(indent, [key], item, special, [])) };
  }
  const schema = context.schema?.get(key);
  if (schema?.isBlock && (isObject(value) || (Array.isArray(value) && value.every(isObject)))) {
    const nested: BodyContext = { ...plain(), schema: schema.nested };
    return { isBlock: true, lines: items(value).flatMap((item) => block(indent, [key], item, nested, [])) };
  }
  return { isBlock: false, lines: attribute(indent, key, value, context.references.has(key)) };
}

/** `key = value` on one line, or `key = {` / `[` with one line per entry and the closing bracket. */
function attribute(indent: number, key: string, value: unknown, references: boolean): Line[] {
  const single = singleLine(value, references);
  if (single !== null) return [{ indent, lead: key, assign: `= ${single}` }];
  return [{ indent, lead: `${key} = ${Array.isArray(value) ? '[' : '{'}`, assign: null }, ...multiLine(indent + 1, value as object, references), { indent, lead: Array.isArray(value) ? ']' : '}', assign: null }];
}

/** The entries of a multi-line object or tuple. */
function multiLine(indent: number, value: object, references: boolean): Line[] {
  if (Array.isArray(value)) {
    return value.flatMap((item): Line[] => {
      const single = singleLine(item, references);
      if (single !== null) return [{ indent, lead: `${single},`, assign: null }];
      return [{ indent, lead: Array.isArray(item) ? '[' : '{', assign: null }, ...multiLine(indent + 1, item as object, references), { indent, lead: Array.isArray(item) ? '],' : '},', assign: null }];
    });
  }
  return Object.entries(value).flatMap(([key, item]) => attribute(indent, objectKey(key), item, references));
}

/** A value written on one line, or null for a non-empty object or a tuple holding objects or tuples. */
function singleLine(value: unknown, references: boolean): string | null {
  if (Array.isArray(value)) {
    if (value.some((item) => item !== null && typeof item === 'object')) return null;
    return `[${value.map((item) => singleLine(item, references)).join(', ')}]`;
  }
  if (isObject(value)) return Object.keys(value).length === 0 ? '{}' : null;
  return formatTokens(scalarTokens(value, references), EQUAL);
}

const EQUAL: HclToken = { kind: 'equal', text: '=' };

function scalarTokens(value: unknown, references: boolean): HclToken[] {
  if (typeof value === 'string') {
    if (references) return referenceTokens(value);
    const template = templateTokens(value);
    return soleInterpolation(template) ?? template;
  }
  if (typeof value === 'number') return value < 0 ? [{ kind: 'minus', text: '-' }, { kind: 'number', text: String(-value) }] : [{ kind: 'number', text: String(value) }];
  return [{ kind: 'ident', text: value === null || value === undefined ? 'null' : String(value) }];
}

/** An object key: bare when it is an identifier HCL reads as a name, quoted otherwise. */
function objectKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && !KEYWORDS.has(key) ? key : formatTokens(templateTokens(key));
}

const KEYWORDS = new Set(['for', 'in', 'if', 'true', 'false', 'null']);

/** Lines as text, consecutive one-line attributes' `=` aligned as hclwrite aligns them. */
function render(lines: readonly Line[]): string {
  const out: string[] = [];
  let chain: Line[] = [];
  const close = () => {
    const width = Math.max(...chain.map((line) => columns(line)));
    for (const line of chain) out.push(`${'  '.repeat(line.indent)}${line.lead}${' '.repeat(width - columns(line) + 1)}${line.assign}`);
    chain = [];
  };
  for (const line of lines) {
    if (line.assign !== null) {
      chain.push(line);
      continue;
    }
    if (chain.length > 0) close();
    out.push(line.lead === '' ? '' : `${'  '.repeat(line.indent)}${line.lead}`);
  }
  if (chain.length > 0) close();
  return `${out.join('\n')}\n`;
}

const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Columns a line's lead takes: hclwrite counts grapheme clusters. */
function columns(line: Line): number {
  const lead = /^[\x20-\x7e]*$/.test(line.lead) ? line.lead.length : [...GRAPHEMES.segment(line.lead)].length;
  return 2 * line.indent + lead;
}
