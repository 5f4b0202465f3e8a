import { type ArchitecturePlan, type BootTier, type ServerPlan, type TierBoot, tierBoot } from '../../plan';
import { describeValue } from './change';
import { machineImageOf, replacementEffect, type ServerReplacement, serverReplacement } from './server-replacement';

// What a deploy does to running instances when a blueprint field they boot from changes (issue 22): a release
// (image, bootScript, ami), a new instance type, or level 1's data volume size, said in the blueprint's terms and
// per engine, where the resource diff alone shows only that UserData or a launch template changed.

/** One blueprint field that reaches running instances, and what each engine does about it. */
export interface BlueprintChange {
  /** The field as the blueprint names it: `app.image`, `services[orders].bootScript`, `queues[emails].worker.ami`, `app.dataVolumeGb`. */
  readonly field: string;
  /** The instances it reaches, as their boot script names them: `server`, `fleet app`, `fleet orders`, `workers emails`. */
  readonly tier: string;
  /** Before and after; null when unset (no image: the built-in probe; no ami: Amazon Linux 2023; no bootScript). */
  readonly from: string | null;
  readonly to: string | null;
  /**
   * True when AWS refuses it (a data volume cannot shrink; a new architecture under the image the blueprint keeps): the
   * deploy fails, so `diff` exits 3 even with --allow-replace.
   */
  readonly refused: boolean;
  readonly cloudformation: string;
  readonly terraform: string;
}

const USER_DATA_DOC = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html#cfn-ec2-instance-userdata';
const TF_INSTANCE_DOC = 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance';
const UPDATE_POLICY_DOC = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatepolicy.html';
/** ModifyVolume takes only a larger size, and one modification per volume every six hours. */
const MODIFY_VOLUME_DOC = 'https://docs.aws.amazon.com/ebs/latest/userguide/modify-volume-requirements.html';

/** A tier that boots instances, with the blueprint path of its fields. */
interface BootingTier {
  readonly boot: TierBoot;
  /** `app`, `services[orders]`, `queues[emails].worker`, `services[orders].queues[jobs].worker`. */
  readonly path: string;
  readonly instanceType: string;
  /** Level 1's server only. */
  readonly dataVolumeGb: number | null;
}

/** Every field change of a tier that both blueprints boot, the instances it reaches and what each engine does. */
export function blueprintChanges(before: ArchitecturePlan, after: ArchitecturePlan): BlueprintChange[] {
  const previous = new Map(bootingTiers(before).map((tier) => [tier.boot.description, tier]));
  // A server replaced (a new architecture or image) is replaced whatever else changes with it.
  const replaced = serverReplacement(before, after);
  return bootingTiers(after).flatMap((next) => {
    const was = previous.get(next.boot.description);
    const replacement = next.boot.kind === 'server' && replaced && after.server ? { ...replaced, server: after.server } : null;
    return was && was.boot.kind === next.boot.kind ? changesOf(was, next, replacement) : [];
  });
}

/** `app.image: a → b; app.bootScript: "x" → "y"`: the changes as one line, for a resource's cause. */
export function summarizeChanges(changes: readonly BlueprintChange[]): string {
  return changes.map((change) => `${change.field}: ${shown(change.field, change.from)} → ${shown(change.field, change.to)}`).join('; ');
}

function shown(field: string, value: string | null): string {
  if (value === null) return '(unset)';
  return field.endsWith('.bootScript') ? describeValue(value) : value;
}

function bootingTiers(plan: ArchitecturePlan): BootingTier[] {
  const tier = (boot: BootTier, path: string, instanceType: string, dataVolumeGb: number | null = null): BootingTier =>
    ({ boot: tierBoot(plan, boot), path, instanceType, dataVolumeGb });
  return [
    ...(plan.server ? [tier({ kind: 'server' }, 'app', plan.server.instanceType, plan.server.dataVolume?.sizeGb ?? null)] : []),
    ...(plan.fleet ? [tier({ kind: 'fleet', service: null }, 'app', plan.fleet.instanceType)] : []),
    ...plan.queues.flatMap((queue) => (queue.worker ? [tier({ kind: 'worker', service: null, queue: queue.name }, `queues[${queue.name}].worker`, queue.worker.instanceType)] : [])),
    ...plan.services.flatMap((service) => [
      tier({ kind: 'fleet', service: service.name }, `services[${service.name}]`, service.fleet.instanceType),
      ...service.queues.flatMap((queue) => (queue.worker
        ? [tier({ kind: 'worker', service: service.name, queue: queue.name }, `services[${service.name}].queues[${queue.name}].worker`, queue.worker.instanceType)]
        : [])),
    ]),
  ];
}

function changesOf(was: BootingTier, next: BootingTier, replacement: ReplacedServer | null): BlueprintChange[] {
  const fields: [string, string | null, string | null][] = [
    ['instanceType', was.instanceType, next.instanceType],
    ['image', was.boot.runtime.image?.reference ?? null, next.boot.runtime.image?.reference ?? null],
    ['ami', machineImageOf(was.boot.runtime.machineImage), machineImageOf(next.boot.runtime.machineImage)],
    ['bootScript', was.boot.runtime.bootScript, next.boot.runtime.bootScript],
    ['dataVolumeGb', was.dataVolumeGb === null ? null : String(was.dataVolumeGb), next.dataVolumeGb === null ? null : String(next.dataVolumeGb)],
  ];
  // The data volume leaves the server at level 2 (the 1 → 2 migration), which is no resize.
  return fields.filter(([name, from, to]) => from !== to && (name !== 'dataVolumeGb' || (from !== null && to !== null)))
    .map(([name, from, to]) => ({
      field: `${next.path}.${name}`, tier: next.boot.description, from, to,
      ...(replacement ? replacedServerEffect(name, next, from, to, replacement) : effectOf(name, next, from, to)),
    }));
}

/** The server's replacement, with the server it becomes. */
type ReplacedServer = ServerReplacement & { readonly server: ServerPlan };

type Effect = Pick<BlueprintChange, 'refused' | 'cloudformation' | 'terraform'>;

function effectOf(field: string, tier: BootingTier, from: string | null, to: string | null): Effect {
  if (tier.boot.kind === 'fleet') return rollingRelease(tier);
  if (tier.boot.kind === 'worker') return workerRelease();
  if (field === 'instanceType') return stopStart('InstanceType', 'instance_type', tier, 'the app starts again on the new type');
  if (field === 'dataVolumeGb') return volumeResize(Number(from), Number(to));
  return stopStart('UserData', 'user_data_base64', tier, 'on the start its changed boot script runs once (the per-boot hook), which starts the app anew');
}

/**
 * A field of a server that is replaced: in each engine that replaces it, the replacement is what happens (the new
 * server boots the new type, image and script), and a volume still grows in place.
 */
function replacedServerEffect(field: string, tier: BootingTier, from: string | null, to: string | null, replacement: ReplacedServer): Effect {
  const whole = replacementEffect(replacement, replacement.server);
  // Refused (the kept image cannot run the new type): the type is what AWS refuses, and the deploy fails for every field.
  if (whole.refused) return { ...whole, refused: field === 'instanceType' };
  if (field === 'ami') return whole;
  const own = effectOf(field, tier, from, to);
  const grows = field === 'dataVolumeGb' && !own.refused;
  const replaced = (engine: string): string => (grows ? `grows in place (${from} → ${to} GiB, ModifyVolume), and the new server's boot grows the filesystem; ${engine}` : engine);
  return {
    refused: own.refused,
    cloudformation: replacement.cloudformation && !own.refused ? replaced(whole.cloudformation) : own.cloudformation,
    terraform: replacement.terraform && !own.refused ? replaced(whole.terraform) : own.terraform,
  };
}

/** Levels 1-3: what changes the server's user data or type keeps the instance (EBS-backed), stopped and started. */
function stopStart(cfnProperty: string, tfArgument: string, tier: BootingTier, consequence: string): Effect {
  const after = `; it keeps its id, Elastic IP and volumes, and ${consequence}. ` +
    `The app is down from the stop until it answers ${tier.boot.healthCheckPath} again (minutes): deploy in a quiet window`;
  return {
    refused: false,
    cloudformation: `stop and start, not a replacement: CloudFormation stops the server, changes its ${cfnProperty} and starts it ` +
      `(an EBS-backed instance, as tierup's are: "Some interruptions", ${USER_DATA_DOC})${after}`,
    terraform: `stop and start, not a replacement: Terraform stops the server, changes its ${tfArgument} and starts it ` +
      `(${tfArgument === 'user_data_base64' ? 'user_data_replace_on_change is off, as tierup leaves it' : 'an in-place update'}: ${TF_INSTANCE_DOC})${after}`,
  };
}

function volumeResize(fromGb: number, toGb: number): Effect {
  if (toGb < fromGb) {
    return {
      refused: true,
      cloudformation: `refused: Size ${fromGb} → ${toGb} GiB, and EBS only grows a volume (${MODIFY_VOLUME_DOC}): the update fails and CloudFormation rolls back; the data is untouched`,
      terraform: `refused: size ${fromGb} → ${toGb} GiB is an in-place modification that EBS refuses: the apply stops with an error; the data is untouched`,
    };
  }
  const note = `EBS allows one modification per volume every six hours (${MODIFY_VOLUME_DOC}).`;
  return {
    refused: false,
    cloudformation: `grows in place, then stop and start: Size ${fromGb} → ${toGb} GiB modifies the volume with no interruption; the size is in the boot script, so UserData changes and ` +
      `CloudFormation then stops and starts the server (the instance refers to the volume, so after it has grown), and its boot grows the filesystem (xfs_growfs). ${note}`,
    terraform: `grows in place, then stop and start: size ${fromGb} → ${toGb} GiB modifies the volume in place; user_data_base64 changes too, and Terraform stops and starts the server ` +
      `first (the volume follows the instance), so its boot waits (up to 10 minutes) for the larger device, then grows the filesystem (xfs_growfs). ${note}`,
  };
}

function rollingRelease(tier: BootingTier): Effect {
  return {
    refused: false,
    cloudformation: 'rolling replacement: a new launch template version, which the group\'s rolling update brings to its instances one at a time, keeping its minimum in service; ' +
      `each new instance signals once its app answers ${tier.boot.healthCheckPath}, and one that never does fails the update and CloudFormation rolls the group back (${UPDATE_POLICY_DOC})`,
    terraform: 'rolling replacement: a new launch template version, which the group\'s instance refresh brings to its instances while 90% stay healthy, rolling back if the refresh fails; ' +
      'Terraform starts the refresh and does not wait for it (aws autoscaling describe-instance-refreshes shows its progress)',
  };
}

function workerRelease(): Effect {
  return {
    refused: false,
    cloudformation: 'new instances only: a new launch template version, and the workers\' group has no update policy, so running workers keep the old version until they are replaced; ' +
      'workers started later (scaling out on the backlog) run the new one. To replace them now: aws autoscaling start-instance-refresh --auto-scaling-group-name <the group>',
    terraform: 'replacement of every worker: a new launch template version, which the group\'s instance refresh brings to all its workers at once (0% kept healthy; messages wait in the queue meanwhile); ' +
      'Terraform does not wait for the refresh',
  };
}
