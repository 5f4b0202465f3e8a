import { isDeepStrictEqual } from 'node:util';
import { describeValue, type ResourceChange, type TierChanges } from './change';
import { NOT_DATA } from './diff-cfn';
import { STATEFUL_TF_TYPES } from './stateful-types';
import { TF_FORCE_NEW_ARGUMENTS } from './tf-force-new';
import { bootTierOf, tfUserDataText } from './user-data';

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
 * Resources whose `name` is in `notData` (the origin secrets) are not counted as data stores. Changed user data is
 * described by `tierChanges` of the tier its boot script names.
 */
export function diffTfConfigs(before: TfConfigs, after: TfConfigs, notData: ReadonlySet<string> = new Set(), tierChanges: TierChanges = new Map()): ResourceChange[] {
  const stacks = [...new Set([...Object.keys(before), ...Object.keys(after)])].toSorted();
  return stacks.flatMap((stack) => diffStack(stack, before[stack] ?? {}, after[stack] ?? {}, notData, tierChanges));
}

/** aws_instance arguments whose change Terraform applies by stopping the instance, changing it and starting it (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance). */
const STOP_START_ARGUMENTS: ReadonlySet<string> = new Set(['user_data_base64', 'instance_type']);

/** User data arguments: the server's, a launch template's. */
const USER_DATA_ARGUMENTS: ReadonlySet<string> = new Set(['user_data_base64', 'user_data']);

const STOP_START = 'stops and starts the instance, not a replacement (user_data_replace_on_change is off), keeping its id, volumes and Elastic IP';

function diffStack(stack: string, before: TfConfig, after: TfConfig, notData: ReadonlySet<string>, tierChanges: TierChanges): ResourceChange[] {
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
    // tierup leaves user_data_replace_on_change off; an override that turns it on makes new user data a replacement.
    const replaceOnUserData = type === 'aws_instance' && is.user_data_replace_on_change === true ? ['user_data', 'user_data_base64'] : [];
    const forceNew = new Set([...(TF_FORCE_NEW_ARGUMENTS[type] ?? []), ...replaceOnUserData]);
    const forcing = changed.filter((argument) => forceNew.has(argument));
    // A boot script's base64 says nothing a reviewer can read: say what changed for its tier instead.
    const describe = (argument: string): string => (USER_DATA_ARGUMENTS.has(argument)
      ? `${argument}: ${describeUserData(is[argument], tierChanges)}`
      : `${argument}: ${describeValue(was[argument])} → ${describeValue(is[argument])}`);
    if (forcing.length > 0) return [{ ...base, action: 'replace', causes: [...forcing.map(describe), ...note] }];
    const stopStart = type === 'aws_instance' && changed.some((argument) => STOP_START_ARGUMENTS.has(argument));
    const causes = changed.map((argument) => (USER_DATA_ARGUMENTS.has(argument) || (stopStart && STOP_START_ARGUMENTS.has(argument)) ? describe(argument) : argument));
    return stopStart
      ? [{ ...base, action: 'update', causes: [...causes, STOP_START], interruption: 'stop-start' }]
      : [{ ...base, action: 'update', causes }];
  });
}

/** The blueprint's changes for the tier a boot script names, else that its boot script changes. */
function describeUserData(userData: unknown, tierChanges: TierChanges): string {
  const tier = bootTierOf(tfUserDataText(userData));
  return (tier !== null && tierChanges.get(tier)) || `the boot script${tier === null ? '' : ` of the ${tier}`} changes`;
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
