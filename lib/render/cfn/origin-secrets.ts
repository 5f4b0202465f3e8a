import { acceptedOriginSecrets } from '../../plan/plan-domain';
import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { OriginProofPlan, OriginSecretPlan } from '../../plan';
import { acknowledge } from './nag';
import type { SettingValues } from './setting-values';

/**
 * The origin proof as a stack uses it: the header, the value CloudFront sends (as a `{{resolve:secretsmanager:…}}`
 * dynamic reference, so the value never appears in a template) and every value the origin accepts.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/restrict-access-to-load-balancer.html
 */
export interface OriginProof {
  readonly headerName: OriginProofPlan['headerName'];
  readonly current: string;
  /** Current first, then the next (accepted a rotation early), then the previous while it is still accepted. */
  readonly accepted: readonly string[];
}

/** The versions the plan accepts, current first. */
function versions(plan: OriginProofPlan): OriginSecretPlan[] {
  return acceptedOriginSecrets(plan);
}

/**
 * The primary stack's origin secrets, one per accepted version (construct ids `OriginSecretV<n>` at the stack's
 * root, so raising the version adds one and keeps the other): 32 generated letters and digits (no punctuation,
 * so the value is a valid header and listener-condition value), the plan's fixed name, and replicas in the
 * further regions, whose load balancers read the value there by name. Registers each ARN for the server's grant.
 * Deleted when they leave the template (two rotations later), in every environment: a value no listener accepts
 * guards nothing, and a retained one would keep its fixed name taken, so re-creating the stack would fail. The
 * retain-data invariant knows them by name (`isOriginSecretName`).
 */
export function createOriginSecrets(scope: Construct, plan: OriginProofPlan, values: SettingValues): OriginProof {
  const secrets = versions(plan).map((version) => {
    const secret = new Secret(scope, version.id, {
      secretName: version.name,
      description: `tierup: value ${version.version} of the ${plan.headerName} header CloudFront sends to the origin`,
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
      replicaRegions: version.replicaRegions.map((region) => ({ region })),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(secret, 'originSecretRotation');
    values.set({ kind: 'origin-secret', key: version.tfName, region: values.region }, 'secret-arn', secret.secretArn);
    return secret;
  });
  const accepted = secrets.map((secret) => secret.secretValue.unsafeUnwrap());
  return { headerName: plan.headerName, current: accepted[0], accepted };
}

/**
 * Level 7, a further region: the same secrets by name, read from their replicas in this region (a dynamic
 * reference resolves in the stack's own region: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html).
 */
export function replicatedOriginSecrets(plan: OriginProofPlan): OriginProof {
  const accepted = versions(plan).map((version) => SecretValue.secretsManager(version.name).unsafeUnwrap());
  return { headerName: plan.headerName, current: accepted[0], accepted };
}
