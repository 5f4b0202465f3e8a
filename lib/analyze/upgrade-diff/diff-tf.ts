import { isDeepStrictEqual } from 'node:util';
import { describeValue, type ResourceChange } from './change';
import { NOT_DATA } from './diff-cfn';
import { STATEFUL_TF_TYPES } from './stateful-types';
import { TF_FORCE_NEW_ARGUMENTS } from './tf-force-new';

/** A Terraform JSON configuration (cdk.tf.json) as far as the diff reads it. */
export interface TfConfig {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  /** `removed` blocks: resources that leave the configuration, with `lifecycle.destroy = false` to keep them. */
  readonly removed?: readonly { readonly from: string; readonly lifecycle?: { readonly destroy?: boolean } }[];
}

/** A set of Terraform configurations keyed by stack. */
export type TfConfigs = Readonly<Record<string, TfConfig>>;

/** Arguments that are bookkeeping, not infrastructure. */
const IGNORED_ARGUMENTS = new Set(['//', 'depends_on', 'provider', 'lifecycle', 'tags_all']);

/**
 * Compares two configuration sets by resource address. An address that disappears is destroyed
 * (or orphaned when a `removed` block keeps it); a changed argument listed as ForceNew replaces.
 * Resources whose `name` is in `notData` (the origin secrets) are not counted as data stores.
 */
export function diffTfConfigs(before: TfConfigs, after: TfConfigs, notData: ReadonlySet<string> = new Set()): ResourceChange[] {
  const stacks = [...new Set([...Object.keys(before), ...Object.keys(after)])].toSorted();
  return stacks.flatMap((stack) => diffStack(stack, before[stack] ?? {}, after[stack] ?? {}, notData));
}

function diffStack(stack: string, before: TfConfig, after: TfConfig, notData: ReadonlySet<string>): ResourceChange[] {
  const old = resourcesOf(before);
  const next = resourcesOf(after);
  const kept = new Set((after.removed ?? []).filter((block) => block.lifecycle?.destroy === false).map((block) => block.from));
  const addresses = [...new Set([...old.keys(), ...next.keys()])].toSorted();
  return addresses.flatMap((address): ResourceChange[] => {
    const type = address.split('.')[0];
    const was = old.get(address);
    const is = next.get(address);
    const disposable = [was, is].some((body) => typeof body?.name === 'string' && notData.has(body.name));
    const base = { target: 'tf' as const, stack, id: address, type, stateful: STATEFUL_TF_TYPES.has(type) && !disposable };
    const note = disposable ? [NOT_DATA] : [];
    if (!was) return [{ ...base, action: 'add', causes: [] }];
    if (!is) {
      return kept.has(address)
        ? [{ ...base, action: 'orphan', causes: ['removed from the configuration; a `removed` block with destroy = false keeps it', ...note] }]
        : [{ ...base, action: 'destroy', causes: ['removed from the configuration', ...note] }];
    }
    const unwatched = ignoredChanges(is);
    const changed = [...new Set([...Object.keys(was), ...Object.keys(is)])]
      .filter((argument) => !IGNORED_ARGUMENTS.has(argument) && !unwatched.has(argument) && !isDeepStrictEqual(was[argument], is[argument]))
      .toSorted();
    if (changed.length === 0) return [];
    const forceNew = new Set(TF_FORCE_NEW_ARGUMENTS[type] ?? []);
    const forcing = changed.filter((argument) => forceNew.has(argument));
    return forcing.length > 0
      ? [{ ...base, action: 'replace', causes: [...forcing.map((argument) => `${argument}: ${describeValue(was[argument])} → ${describeValue(is[argument])}`), ...note] }]
      : [{ ...base, action: 'update', causes: changed }];
  });
}

/** The arguments Terraform leaves as they are (`lifecycle.ignore_changes` of the new configuration): no update, no replacement. */
function ignoredChanges(body: Readonly<Record<string, unknown>>): ReadonlySet<string> {
  const lifecycle = body.lifecycle as { readonly ignore_changes?: unknown } | undefined;
  return new Set(Array.isArray(lifecycle?.ignore_changes) ? lifecycle.ignore_changes.filter((argument): argument is string => typeof argument === 'string') : []);
}

function resourcesOf(config: TfConfig): Map<string, Readonly<Record<string, unknown>>> {
  const resources = new Map<string, Readonly<Record<string, unknown>>>();
  for (const [type, byName] of Object.entries(config.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) resources.set(`${type}.${name}`, body);
  }
  return resources;
}
