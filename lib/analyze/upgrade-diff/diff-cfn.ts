import { fullDiff, ResourceImpact, type ResourceDifference } from '@aws-cdk/cloudformation-diff';
import { type ChangeAction, describeValue, type ResourceChange, type TierChanges } from './change';
import { isStatefulCfnType } from './stateful-types';
import { bootTierOf, cfnUserDataText } from './user-data';

/** A set of CloudFormation templates keyed by stack (nested stacks as "parent/child"). */
export type CfnTemplates = Readonly<Record<string, CfnTemplate>>;

/** One template, as far as the diff reads it. */
export interface CfnTemplate {
  readonly Resources?: Readonly<Record<string, unknown>>;
  /** Parameters: an image read from SSM at deploy time is one (`AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>`). */
  readonly Parameters?: Readonly<Record<string, { readonly Type?: string; readonly Default?: unknown }>>;
}

const ACTION_OF_IMPACT: Readonly<Record<ResourceImpact, ChangeAction | null>> = {
  [ResourceImpact.WILL_CREATE]: 'add',
  [ResourceImpact.WILL_UPDATE]: 'update',
  [ResourceImpact.WILL_REPLACE]: 'replace',
  // "May replace" decides at deploy time; for data that is a risk tierup will not take silently.
  [ResourceImpact.MAY_REPLACE]: 'replace',
  [ResourceImpact.WILL_DESTROY]: 'destroy',
  [ResourceImpact.WILL_ORPHAN]: 'orphan',
  [ResourceImpact.WILL_IMPORT]: 'add',
  [ResourceImpact.NO_CHANGE]: null,
};

/**
 * AWS::EC2::Instance properties whose change the resource spec marks "may replace" because it replaces an instance-store-backed
 * instance, while an EBS-backed one is stopped, changed and started ("Some interruptions"):
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html
 */
const STOP_START_PROPERTIES: ReadonlySet<string> = new Set(['UserData', 'InstanceType', 'EbsOptimized']);

/**
 * Compares two template sets stack by stack with @aws-cdk/cloudformation-diff, which knows from the
 * resource spec which property changes force a replacement. A stack that disappears destroys
 * every resource in it; a new stack adds all of its own. Resources whose physical name is in
 * `notData` (the origin secrets, which rotation deletes by design) are not counted as data stores.
 * A changed UserData or launch template is described by `tierChanges` of the tier its boot script names.
 */
export function diffCfnTemplates(before: CfnTemplates, after: CfnTemplates, notData: ReadonlySet<string> = new Set(), tierChanges: TierChanges = new Map()): ResourceChange[] {
  const stacks = [...new Set([...Object.keys(before), ...Object.keys(after)])].toSorted();
  return stacks.flatMap((stack) => {
    const diff = fullDiff(before[stack] ?? {}, after[stack] ?? {});
    const changes: ResourceChange[] = [];
    diff.resources.forEachDifference((id, difference) => {
      const impact = ACTION_OF_IMPACT[difference.changeImpact];
      if (!impact) return;
      const type = difference.newResourceType ?? difference.oldResourceType ?? 'unknown';
      // tierup's instances are EBS-backed (their root volume is the EBS volume they declare): a "may replace" of these is a stop and start.
      const stopStart = impact === 'replace' && type === 'AWS::EC2::Instance' && stopsAndStarts(difference);
      const action = stopStart ? 'update' : impact;
      const disposable = [difference.oldValue, difference.newValue].some((resource) => notData.has(String(resource?.Properties?.Name)));
      // An instance replaced while it holds a data volume (level 1's server) is where the data is: counted as stateful.
      const holdsVolume = action === 'replace' && type === 'AWS::EC2::Instance' && [difference.oldValue, difference.newValue].every(attachesVolumes);
      const images = { before: ssmImages(before[stack]), after: ssmImages(after[stack]) };
      const causes = causesOf(difference, action, before[stack] === undefined || after[stack] === undefined, describeUserData(difference, tierChanges), images);
      changes.push({
        target: 'cfn', stack, id, type, action, stateful: (isStatefulCfnType(type) || holdsVolume) && !disposable,
        causes: [...causes, ...(stopStart ? [STOP_START] : []), ...(holdsVolume ? [HOLDS_VOLUME] : []), ...(disposable ? [NOT_DATA] : [])],
        ...(stopStart && { interruption: 'stop-start' as const }),
        ...(holdsVolume && { holds: 'data-volume' as const }),
      });
    });
    return changes.toSorted((a, b) => a.id.localeCompare(b.id));
  });
}

/** Why a secret that would count as a data store does not. */
export const NOT_DATA = 'an origin secret version: rotation retires it by design, it holds no data';

const STOP_START = 'stops and starts the instance, not a replacement (EBS-backed: "Some interruptions"), keeping its id, volumes and Elastic IP';

/**
 * CloudFormation creates the replacement before it deletes the old instance, and an EBS volume attaches to one
 * instance at a time: the new instance's `Volumes` cannot attach it, and the update rolls back.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html#cfn-ec2-instance-volumes
 */
const HOLDS_VOLUME = 'it holds a data volume (Volumes), which the new instance cannot attach while this one does (CloudFormation creates the new one first): ' +
  'counted as stateful; free the volume first (see the migration)';

function attachesVolumes(resource: ResourceDifference['newValue']): boolean {
  const volumes = resource?.Properties?.Volumes as readonly unknown[] | undefined;
  return Array.isArray(volumes) && volumes.length > 0;
}

/** Parameter name → the SSM parameter an image is read from at deploy time. */
type SsmImages = ReadonlyMap<string, string>;

function ssmImages(template: CfnTemplate | undefined): SsmImages {
  return new Map(Object.entries(template?.Parameters ?? {})
    .filter(([, parameter]) => parameter.Type === 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>' && typeof parameter.Default === 'string')
    .map(([name, parameter]) => [name, String(parameter.Default)]));
}

function stopsAndStarts(difference: ResourceDifference): boolean {
  const forcing = Object.entries(difference.propertyUpdates)
    .filter(([, property]) => property.changeImpact === ResourceImpact.WILL_REPLACE || property.changeImpact === ResourceImpact.MAY_REPLACE);
  const mappings = (difference.newValue?.Properties?.BlockDeviceMappings ?? []) as readonly { readonly Ebs?: unknown }[];
  return forcing.length > 0 && mappings.some((mapping) => mapping.Ebs !== undefined) &&
    forcing.every(([name, property]) => property.changeImpact === ResourceImpact.MAY_REPLACE && STOP_START_PROPERTIES.has(name));
}

/**
 * What changed for the instances a resource boots (an instance's UserData, or a launch template's): the blueprint's
 * changes for the tier its boot script names, else whether the boot script changed; null when neither.
 */
function describeUserData(difference: ResourceDifference, tierChanges: TierChanges): string | null {
  const userDataOf = (resource: ResourceDifference['newValue']): unknown => resource?.Properties?.UserData ??
    (resource?.Properties?.LaunchTemplateData as { UserData?: unknown } | undefined)?.UserData;
  const tier = bootTierOf(cfnUserDataText(userDataOf(difference.newValue)));
  const summary = tier === null ? undefined : tierChanges.get(tier);
  if (summary) return summary;
  return JSON.stringify(userDataOf(difference.oldValue)) === JSON.stringify(userDataOf(difference.newValue))
    ? null
    : `the boot script${tier === null ? '' : ` of the ${tier}`} changes`;
}

function causesOf(
  difference: ResourceDifference, action: ChangeAction, stackChanged: boolean, userData: string | null, images: { readonly before: SsmImages; readonly after: SsmImages },
): string[] {
  if (action === 'add') return [];
  if (action === 'destroy') return [stackChanged ? 'its stack is removed' : 'removed from the template'];
  if (action === 'orphan') return ['removed from the template; its DeletionPolicy keeps it in the account'];
  if (difference.resourceTypeChanged) return [`type changes to ${difference.newResourceType}`];
  const updates = Object.entries(difference.propertyUpdates);
  const forcing = updates.filter(([, property]) => property.changeImpact === ResourceImpact.WILL_REPLACE || property.changeImpact === ResourceImpact.MAY_REPLACE);
  // A boot script's base64 says nothing a reviewer can read: say what changed for its tier instead.
  const valueChange = (name: string, from: unknown, to: unknown): string => {
    if (name === 'UserData') return `UserData: ${userData ?? 'the boot script changes'}`;
    // An image read from SSM is a parameter whose generated name says nothing past 60 characters: name the SSM parameter.
    const image = (value: unknown, of: SsmImages): unknown => of.get(String((value as { Ref?: unknown } | undefined)?.Ref)) ?? value;
    if (name === 'ImageId') return `ImageId: ${describeImage(image(from, images.before))} → ${describeImage(image(to, images.after))}`;
    return `${name}: ${describeValue(from)} → ${describeValue(to)}`;
  };
  // On tierup's EBS-backed instances the "may replace" properties stop and start; the replacement comes from another one.
  const certain = (name: string): boolean => difference.newResourceType === 'AWS::EC2::Instance' && STOP_START_PROPERTIES.has(name);
  if (action === 'replace') {
    return forcing.map(([name, property]) => `${valueChange(name, property.oldValue, property.newValue)}${property.changeImpact === ResourceImpact.MAY_REPLACE && !certain(name) ? ' (may replace)' : ''}`);
  }
  return [...updates.map(([name, property]) => {
    if (STOP_START_PROPERTIES.has(name) && property.changeImpact === ResourceImpact.MAY_REPLACE) return valueChange(name, property.oldValue, property.newValue);
    if (name === 'LaunchTemplateData') return `LaunchTemplateData: a new version${userData === null ? '' : ` (${userData})`}`;
    return name;
  }), ...Object.keys(difference.otherChanges)].toSorted();
}

/** An image: the SSM parameter it is read from, whole, else the value. */
function describeImage(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') ? `SSM ${value}` : describeValue(value);
}
