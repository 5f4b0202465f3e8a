import type { AppRuntimeSpec } from '../../spec';
import { machineImageParameter } from '../machine-image';
import type { InstanceArchitecture } from '../instance-architecture';

// What an instance runs, resolved from a tier's `image`, `ami` and `bootScript` (issue 11).

/** The machine image an instance boots. */
export type MachineImagePlan =
  /** Amazon Linux 2023, read from the SSM parameter AWS publishes; servers ignore later updates of it. */
  | { readonly kind: 'amazon-linux-2023'; readonly parameter: string }
  /** A fixed AMI id the blueprint names. */
  | { readonly kind: 'id'; readonly id: string }
  /** An SSM parameter that an image pipeline updates; a new value is a release. */
  | { readonly kind: 'parameter'; readonly parameter: string };

/** A container image, and the ECR repository it comes from when it is a private ECR image. */
export interface ContainerImagePlan {
  /** As written, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:1.4.2. */
  readonly reference: string;
  /** Registry host, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com. */
  readonly registry: string;
  /** Private ECR only: the repository, so the role may pull from it and nothing else. */
  readonly ecr: { readonly region: string; readonly repositoryArn: string } | null;
}

/** One IAM statement a tier's role needs for its application. */
export interface RuntimeGrant {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** What serves a tier's port, on which machine image, with which extra boot commands. */
export interface RuntimePlan {
  /** `probe`: the built-in probe (no image, no AMI); `container`: the image under systemd; `machine-image`: the AMI starts the app. */
  readonly app: 'probe' | 'container' | 'machine-image';
  readonly image: ContainerImagePlan | null;
  readonly machineImage: MachineImagePlan;
  /** Commands run after the settings are written and before the app starts; null for none. */
  readonly bootScript: string | null;
  /** ECR pull permissions (empty unless the image is in private ECR). */
  readonly grants: readonly RuntimeGrant[];
}

/** Private ECR registries: `<account>.dkr.ecr.<region>.amazonaws.com[.cn]`. */
const ECR_REGISTRY = /^(\d{12})\.dkr\.ecr(-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/** Amazon Linux 2023's current AMI for an architecture, published by AWS in SSM (the plan's one image family). */
export function amazonLinux2023Parameter(architecture: InstanceArchitecture): string {
  return machineImageParameter(architecture);
}

/** Resolves a tier's application fields. */
export function planRuntime(spec: AppRuntimeSpec, architecture: InstanceArchitecture): RuntimePlan {
  const image = spec.image === undefined ? null : planContainerImage(spec.image);
  const machineImage: MachineImagePlan = spec.ami === undefined
    ? { kind: 'amazon-linux-2023', parameter: amazonLinux2023Parameter(architecture) }
    : spec.ami.startsWith('/') ? { kind: 'parameter', parameter: spec.ami } : { kind: 'id', id: spec.ami };
  return {
    app: image ? 'container' : machineImage.kind === 'amazon-linux-2023' ? 'probe' : 'machine-image',
    image,
    machineImage,
    bootScript: spec.bootScript ?? null,
    grants: image?.ecr ? ecrPullGrants(image.ecr.repositoryArn) : [],
  };
}

function planContainerImage(reference: string): ContainerImagePlan {
  const registry = reference.split('/')[0];
  const match = ECR_REGISTRY.exec(registry);
  if (!match) return { reference, registry, ecr: null };
  const [, account, , region, china] = match;
  const repository = reference.slice(registry.length + 1).replace(/@sha256:[a-f0-9]+$/, '').replace(/:[^/:]+$/, '');
  const partition = china ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return { reference, registry, ecr: { region, repositoryArn: `arn:${partition}:ecr:${region}:${account}:repository/${repository}` } };
}

/**
 * Exactly what `docker pull` from private ECR needs: an authorization token (an account-wide action
 * that takes no resource, so `*`) and the image's layers from its one repository
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-pull.html#image-pull-iam).
 */
function ecrPullGrants(repositoryArn: string): RuntimeGrant[] {
  return [
    { actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
    { actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], resources: [repositoryArn] },
  ];
}
