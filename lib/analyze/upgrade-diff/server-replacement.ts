import { APP_UNIT, type ArchitecturePlan, DATABASE_INIT_UNIT, type InstanceArchitecture, type MachineImagePlan, type ServerPlan } from '../../plan';
import type { Migration } from './migration-steps';

// When the level 1-3 server is replaced rather than stopped and started, and what that asks at level 1, where it
// holds the data volume: a new CPU architecture (EC2 changes a type only within its image's architecture) or a new
// image the blueprint names.

/** EC2 changes an instance's type only to one of its image's architecture. */
const RESIZE_DOC = 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resize-limitations.html';

/** Why and in which engines the server is replaced, from the two plans. */
export interface ServerReplacement {
  /** The blueprint's field and values that force it: `app.instanceType: t3.small → t4g.small`. */
  readonly cause: string;
  /** The architecture before and after; null when it stays. */
  readonly architecture: { readonly from: InstanceArchitecture; readonly to: InstanceArchitecture } | null;
  /** CloudFormation replaces it: its ImageId changes. */
  readonly cloudformation: boolean;
  /** Terraform replaces it: a new architecture (replace_triggered_by), or an AMI the blueprint names (ami forces a new instance). */
  readonly terraform: boolean;
  /** The server holds level 1's data volume before and after: the replacement must free it first. */
  readonly holdsDataVolume: boolean;
  /** A new architecture under an image the blueprint names and keeps: that image cannot run the new type, and EC2 refuses it. */
  readonly imageMismatch: boolean;
}

/** The blueprint's own image (`app.ami`): null for Amazon Linux 2023, which tierup picks per architecture. */
export function machineImageOf(image: MachineImagePlan): string | null {
  if (image.kind === 'amazon-linux-2023') return null;
  return image.kind === 'id' ? image.id : image.parameter;
}

/** Whether the level 1-3 server both blueprints have is replaced, and how; null when it is not. */
export function serverReplacement(before: ArchitecturePlan, after: ArchitecturePlan): ServerReplacement | null {
  const [was, is] = [before.server, after.server];
  if (!was || !is) return null;
  const [fromImage, toImage] = [machineImageOf(was.runtime.machineImage), machineImageOf(is.runtime.machineImage)];
  const architecture = was.architecture === is.architecture ? null : { from: was.architecture, to: is.architecture };
  const imageChanged = fromImage !== toImage;
  if (!architecture && !imageChanged) return null;
  const named = toImage !== null;
  return {
    cause: architecture
      ? `app.instanceType: ${was.instanceType} → ${is.instanceType}`
      : `app.ami: ${fromImage ?? '(unset)'} → ${toImage ?? '(unset)'}`,
    architecture,
    // Amazon Linux 2023 follows the architecture, so ImageId changes with it; a named image changes only with app.ami.
    cloudformation: imageChanged || (architecture !== null && !named),
    terraform: architecture !== null || (imageChanged && named),
    holdsDataVolume: was.dataVolume !== null && is.dataVolume !== null,
    imageMismatch: architecture !== null && named && !imageChanged,
  };
}

/** What each engine does to the server, in the blueprint's terms; `refused` when EC2 cannot run the new type on the image. */
export function replacementEffect(replacement: ServerReplacement, server: ServerPlan): { refused: boolean; cloudformation: string; terraform: string } {
  const { architecture, holdsDataVolume } = replacement;
  const image = server.runtime.machineImage.kind === 'amazon-linux-2023' ? `Amazon Linux 2023 for ${server.architecture}` : 'the new image';
  const down = ` The app is down until the new server answers ${server.healthCheckPath} (minutes): deploy in a quiet window.`;
  if (architecture && replacement.imageMismatch) {
    const refused = `refused: the architecture changes (${architecture.from} → ${architecture.to}), but app.ami stays ${machineImageOf(server.runtime.machineImage)}, ` +
      `the ${architecture.from} image the server runs, and EC2 runs a type only on an image of its architecture (${RESIZE_DOC})`;
    return {
      refused: true,
      cloudformation: `${refused}: the type change fails and CloudFormation rolls back`,
      terraform: `${refused}: Terraform replaces the server (replace_triggered_by) and the new one fails to launch, after the old one is destroyed`,
    };
  }
  const why = architecture
    ? `the architecture changes (${architecture.from} → ${architecture.to}), and EC2 changes a type only within its image's architecture (${RESIZE_DOC})`
    : 'the image changes';
  return {
    refused: false,
    cloudformation: `replacement: ${why}, so ImageId changes: CloudFormation creates a new server from ${image} and terminates the old one; the Elastic IP moves to it.` +
      (holdsDataVolume
        ? ' The new server cannot attach the data volume while the old one holds it, so the update would roll back: free the volume first (the migration below), ' +
          'or climb to level 2 first; the data stays on the volume.'
        : '') + down,
    terraform: !replacement.terraform
      ? 'no change to the running server: with Amazon Linux 2023 the configuration ignores ami changes (a newer Amazon Linux never replaces the server), so it keeps its image; ' +
        'to move it to Amazon Linux now: terraform apply -replace=aws_instance.server'
      : `replacement: ${architecture
        ? `${why}: terraform_data.server_architecture changes, and the server's replace_triggered_by replaces it with one from ${image}`
        : 'ami forces a new instance, so Terraform destroys the server and creates one from the new image'}; the Elastic IP follows.` +
        (holdsDataVolume
          ? ' The data volume moves to the new server: Terraform stops the old one before it detaches the volume (stop_instance_before_detaching), ' +
            'and the new one\'s boot waits for the volume and finds the database on it; the data stays on the volume.'
          : '') + down,
  };
}

/**
 * The shell command that stops the app and the level-1 database and unmounts the data volume, so that detaching it
 * loses nothing: AWS asks to unmount before detaching, or the volume can stay `busy` and its filesystem be damaged
 * (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-detaching-volume.html). Units and mount point are the plan's.
 * `retire` (the 1 → 2 climb, whose server keeps running without the volume): the database is also disabled and the
 * volume's line leaves /etc/fstab, so that a restart during the deploy (CloudFormation's stop and start for the new
 * user data may come before it detaches the volume) neither mounts the volume nor starts the database again.
 */
export function stopDatabaseAndUnmount(server: ServerPlan, retire: boolean): string {
  const local = server.localDatabase!;
  // A machine image starts the app itself, under a unit tierup does not know.
  const app = server.runtime.app === 'machine-image' ? null : APP_UNIT;
  const database = `${local.service}.service`;
  const stop = retire
    // The database's one-shot requires its unit, so it would start it at boot: both are disabled.
    ? [...(app ? [`sudo systemctl stop ${app}`] : []), `sudo systemctl disable --now ${DATABASE_INIT_UNIT} ${database}`]
    : [`sudo systemctl stop ${[...(app ? [app] : []), database].join(' ')}`];
  const commands = [...stop, `sudo umount ${local.mountPoint}`, ...(retire ? [`sudo sed -i '\\| ${local.mountPoint} |d' /etc/fstab`] : [])];
  return `${app ? '' : 'stop the app your machine image runs, then '}${commands.join(' && ')}`;
}

/** Level 1, a server replaced while it holds the data volume: free the volume for the new server, or climb to level 2 first. */
export function replaceTheLevelOneServer(before: ArchitecturePlan, after: ArchitecturePlan): Migration | null {
  const replacement = serverReplacement(before, after);
  if (!replacement?.holdsDataVolume || !before.server?.dataVolume) return null;
  // Refused as it stands (a kept image of the old architecture), it replaces the server in both once app.ami follows.
  const [cloudformation, terraform] = [replacement.cloudformation || replacement.imageMismatch, replacement.terraform];
  const { deviceName } = before.server.dataVolume;
  return {
    title: `Replace the level-1 server, which holds the data volume (${replacement.cause}${replacement.architecture ? `: ${replacement.architecture.from} → ${replacement.architecture.to}` : ''})`,
    steps: [
      `Or climb to level 2 first: the database moves to RDS and the server no longer holds the volume, so changing ${replacement.cause.split(':')[0]} afterwards needs none of this.`,
      'Snapshot the data volume: aws ec2 create-snapshot --volume-id <DataVolume id> --description "before replacing the server".',
      `In a quiet window, stop the app and the database and unmount the data volume on the server (aws ssm start-session --target <ServerInstanceId>): ${stopDatabaseAndUnmount(before.server, false)}.`,
      ...(cloudformation
        ? ['CloudFormation creates the new server before it deletes the old one, and a volume attaches to one instance at a time: stop the server and detach the volume, ' +
          'aws ec2 stop-instances --instance-ids <ServerInstanceId> && aws ec2 wait instance-stopped --instance-ids <ServerInstanceId> && aws ec2 detach-volume --volume-id <DataVolume id>, ' +
          'then deploy (diff exits 3 until --allow-replace): the new server attaches the volume at launch and its boot finds the database on it. If the deploy rolls back, ' +
          `attach the volume to the old server and start it: aws ec2 attach-volume --volume-id <DataVolume id> --instance-id <ServerInstanceId> --device ${deviceName} && aws ec2 start-instances --instance-ids <ServerInstanceId>.`]
        : []),
      ...(terraform
        ? ['Terraform: apply; it stops the server before it detaches the volume (stop_instance_before_detaching, which a state written by an earlier tierup lacks ' +
          'until its next apply: hence the unmount above), replaces the server and attaches the volume to the new one, whose boot finds the database on it.']
        : []),
    ],
  };
}
