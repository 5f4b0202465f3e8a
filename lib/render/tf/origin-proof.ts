import { acceptedOriginSecrets } from '../../plan/plan-domain';
import { Construct } from 'constructs';
import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import type { OriginProofPlan, OriginSecretPlan } from '../../plan';
import { ephemeralPassword } from './ephemeral-password';
import { helperName, named } from './terraform-names';

/** Props of {@link OriginProof}. */
export interface OriginProofProps {
  readonly plan: OriginProofPlan;
}

/** One accepted version of the origin secret. */
export interface OriginSecret {
  readonly plan: OriginSecretPlan;
  readonly secret: SecretsmanagerSecret;
  /** The value, read back from Secrets Manager (sensitive in the state). */
  readonly value: string;
}

/** The generated value: 32 letters and digits (no punctuation, which a header value and nginx's map would have to escape). */
const SECRET_LENGTH = 32;

/**
 * The secret header CloudFront adds to prove a request came through this blueprint's distribution, one
 * `aws_secretsmanager_secret` per accepted version (`origin_secret_v<N>`, fixed `name`). The value is generated
 * by an ephemeral `aws_secretsmanager_random_password` and written once through the write-only
 * `secret_string_wo`, then read back by `data.aws_secretsmanager_secret_version`: CloudFront's `custom_header`
 * and the load balancer's `http_header` condition have no write-only form, so unlike the database password this
 * value does sit in the state, marked sensitive (docs/terraform.md, "Security").
 * One configuration holds every region, so further regions' load balancers take the primary region's value
 * directly: Terraform does not replicate the secret (`replicaRegions` is what CloudFormation's regional stacks need).
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/restrict-access-to-load-balancer.html
 */
export class OriginProof extends Construct {
  public readonly headerName: OriginProofPlan['headerName'];
  /** The version CloudFront sends. */
  public readonly current: OriginSecret;
  /** Every accepted version, the current one first. */
  public readonly accepted: readonly OriginSecret[];

  constructor(scope: Construct, id: string, props: OriginProofProps) {
    super(scope, id);
    const { plan } = props;
    this.headerName = plan.headerName;
    this.accepted = acceptedOriginSecrets(plan).map((secret) => this.addSecret(secret));
    this.current = this.accepted[0];
  }

  /** The values the origin accepts: the current one, the next one and the one before it. */
  public get values(): string[] {
    return this.accepted.map((secret) => secret.value);
  }

  private addSecret(plan: OriginSecretPlan): OriginSecret {
    const name = (part: string): string => helperName(plan.tfName, part);
    const password = ephemeralPassword(this, name('password'), SECRET_LENGTH, { exclude_punctuation: true });
    const secret = named(new SecretsmanagerSecret(this, plan.id, {
      name: plan.name,
      description: `tierup: value ${plan.version} of the ${this.headerName} header CloudFront sends the origin`,
      // Deleted at once, not after a recovery window: the value guards nothing once no listener accepts it, and
      // a window would keep the fixed name taken, so re-creating the stack (or this version) would fail.
      // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
      recoveryWindowInDays: 0,
    }), plan.tfName);
    // Written once: a new value comes from a new version (`cdn.originSecretVersion`), which is a new secret.
    const version = named(new SecretsmanagerSecretVersion(this, `${plan.id}Value`, {
      secretId: secret.id, secretStringWo: password, secretStringWoVersion: 1,
    }), name('value'));
    const read = named(new DataAwsSecretsmanagerSecretVersion(this, `${plan.id}Read`, {
      secretId: secret.id, dependsOn: [version],
    }), plan.tfName);
    return { plan, secret, value: read.secretString };
  }
}
