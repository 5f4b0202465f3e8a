import { isDeepStrictEqual } from 'node:util';
import { describeValue, type ResourceChange, type TierChanges } from './change';
import { NOT_DATA } from './diff-cfn';
import { STATEFUL_TF_TYPES } from './stateful-types';
import { TF_FORCE_NEW_ARGUMENTS } from './tf-force-new';
import { furtherReplacements } from './tf-replacements';
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
 * (or orphaned when a `removed` block keeps it); a changed argument listed as ForceNew replaces, and so does
 * what Terraform replaces because of it (tf-replacements.ts).
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
  // What each resource's own arguments do, then what Terraform replaces because of those replacements.
  const own = new Map(addresses.filter((address) => old.has(address) && next.has(address))
    .map((address) => [address, ownChanges(address, old.get(address)!, next.get(address)!)] as const));
  const further = furtherReplacements(old, next, {
    changed: new Set([...own].filter(([, arguments_]) => arguments_.changed.length > 0).map(([address]) => address)),
    replaced: new Set([...own].filter(([, arguments_]) => arguments_.forcing.length > 0).map(([address]) => address)),
  }, { forceNew: forceNewOf, ignored: ignoredChanges });
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
    const { changed, forcing } = own.get(address)!;
    // A boot script's base64 says nothing a reviewer can read: say what changed for its tier instead.
    const describe = (argument: string): string => (USER_DATA_ARGUMENTS.has(argument)
      ? `${argument}: ${describeUserData(is[argument], tierChanges)}`
      : `${argument}: ${describeValue(was[argument])} → ${describeValue(is[argument])}`);
    const triggered = further.get(address) ?? [];
    if (forcing.length > 0 || triggered.length > 0) {
      // An instance replaced while a volume attachment names it before and after holds that volume: where the data is.
      const holds = type === 'aws_instance' ? attachmentsOf(address, old).filter((attachment) => attachmentsOf(address, next).includes(attachment)) : [];
      // Replaced for another resource's sake, its own changes say what the new one differs in.
      const alongside = forcing.length === 0 ? changed.map(describe) : [];
      return [{
        ...base, action: 'replace', stateful: base.stateful || holds.length > 0,
        causes: [...forcing.map(describe), ...triggered, ...alongside, ...holds.map(holdsVolume), ...note],
        ...(holds.length > 0 && { holds: 'data-volume' as const }),
      }];
    }
    if (changed.length === 0) return [];
    const stopStart = type === 'aws_instance' && changed.some((argument) => STOP_START_ARGUMENTS.has(argument));
    // terraform_data holds one small value (the server's architecture): its change is worth reading.
    const valued = (argument: string): boolean => USER_DATA_ARGUMENTS.has(argument) || (stopStart && STOP_START_ARGUMENTS.has(argument)) || type === 'terraform_data';
    const causes = changed.map((argument) => (valued(argument) ? describe(argument) : argument));
    return stopStart
      ? [{ ...base, action: 'update', causes: [...causes, STOP_START], interruption: 'stop-start' }]
      : [{ ...base, action: 'update', causes }];
  });
}

/** The arguments of one resource that change (those `ignore_changes` names left out), and those of them that force a new one. */
function ownChanges(address: string, was: Readonly<Record<string, unknown>>, is: Readonly<Record<string, unknown>>): { changed: string[]; forcing: string[] } {
  const unwatched = ignoredChanges(is);
  const changed = [...new Set([...Object.keys(was), ...Object.keys(is)])]
    .filter((argument) => !IGNORED_ARGUMENTS.has(argument) && !unwatched.has(argument) && !isDeepStrictEqual(was[argument], is[argument]))
    .toSorted();
  const forceNew = forceNewOf(address.split('.')[0], is);
  return { changed, forcing: changed.filter((argument) => forceNew.has(argument)) };
}

/** ForceNew arguments of a type; tierup leaves user_data_replace_on_change off, and an override that turns it on makes new user data a replacement. */
function forceNewOf(type: string, body?: Readonly<Record<string, unknown>>): ReadonlySet<string> {
  const replaceOnUserData = type === 'aws_instance' && body?.user_data_replace_on_change === true ? ['user_data', 'user_data_base64'] : [];
  return new Set([...(TF_FORCE_NEW_ARGUMENTS[type] ?? []), ...replaceOnUserData]);
}

/** The volume attachments whose `instance_id` is this instance's. */
function attachmentsOf(instance: string, resources: ReadonlyMap<string, Readonly<Record<string, unknown>>>): string[] {
  return [...resources].filter(([address, body]) => address.startsWith('aws_volume_attachment.') && body.instance_id === `\${${instance}.id}`).map(([address]) => address);
}

/** Why a replaced instance that holds a volume counts as stateful. */
function holdsVolume(attachment: string): string {
  return `it holds a data volume (${attachment}): Terraform detaches it, replaces the instance and attaches it to the new one, ` +
    'so the server is down meanwhile and its database restarts from the volume: counted as stateful (see the migration)';
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
