import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import type { DatabasePlan, RetentionPlan } from '../../plan';
import type { Placement } from './placement';
import { SecretRotator } from './secret-rotator';
import { ephemeralPassword } from './ephemeral-password';
import { helperName, named, statefulLifecycle } from './terraform-names';

/** Props of {@link MasterSecret}. */
export interface MasterSecretProps {
  readonly plan: DatabasePlan;
  readonly placement: Placement;
  readonly retention: RetentionPlan;
}

/**
 * The database's master password, kept out of Terraform's state and plan: an ephemeral
 * `aws_secretsmanager_random_password` (Terraform 1.10+) is written once into the instance's
 * write-only `password_wo` and the secret's write-only `secret_string_wo` (Terraform 1.11+), so
 * neither value is ever stored. Secrets Manager then rotates it with the engine's {@link SecretRotator}.
 * https://developer.hashicorp.com/terraform/language/manage-sensitive-data/write-only
 */
export class MasterSecret extends Construct {
  public readonly secret: SecretsmanagerSecret;
  /** The ephemeral password, for the instance's `password_wo` (valid only in write-only arguments). */
  public readonly passwordExpression: string;
  /** Bump to write a new password from Terraform (the rotation function changes it without Terraform). */
  public readonly passwordVersion = 1;
  /** The engine's rotation function, shared with the configuration's other databases of that engine. */
  public readonly rotator: SecretRotator;
  private readonly props: MasterSecretProps;

  constructor(scope: Construct, id: string, props: MasterSecretProps) {
    super(scope, id);
    const { plan, placement, retention } = props;
    this.props = props;
    const name = (part: string): string => helperName(plan.tfName, part);
    this.passwordExpression = ephemeralPassword(this, name('password'), 32, { exclude_characters: plan.credentials.rotator.excludeCharacters });
    this.secret = named(new SecretsmanagerSecret(this, 'Secret', {
      namePrefix: `${plan.identifier}-master-`,
      description: `${plan.identifier}: master credentials (JSON), rotated every ${plan.credentials.rotationDays} days`,
      recoveryWindowInDays: retention.preventDestroy ? 30 : 0,
      // Replicated into the regions of the cross-region replicas (level 7) with each region's default key; the primary
      // rotates, the replicas follow. No block below level 7, where an empty list would be written out as `"replica": []`.
      replica: plan.credentials.replicaRegions.length > 0 ? plan.credentials.replicaRegions.map((region) => ({ region })) : undefined,
      lifecycle: statefulLifecycle(retention.preventDestroy),
    }), name('master_secret'));
    this.rotator = SecretRotator.of(this, { plan: plan.credentials.rotator, placement });
  }

  /**
   * Writes the secret's first value (the JSON the rotation function reads: engine, host, port, username,
   * password) once the instance exists, and schedules rotation.
   */
  public storeAndRotate(host: string): void {
    const { plan } = this.props;
    const name = (part: string): string => helperName(plan.tfName, part);
    const json = Fn.jsonencode({
      engine: plan.engine, host, port: plan.port, username: plan.masterUsername, password: this.passwordExpression,
    });
    const value = named(new SecretsmanagerSecretVersion(this, 'Value', {
      secretId: this.secret.id, secretStringWo: json, secretStringWoVersion: this.passwordVersion,
    }), name('master_secret_value'));
    named(new SecretsmanagerSecretRotation(this, 'Rotation', {
      secretId: this.secret.id,
      rotationLambdaArn: this.rotator.functionArn,
      rotationRules: { automaticallyAfterDays: plan.credentials.rotationDays },
      dependsOn: [value],
    }), name('master_secret_rotation'));
  }
}
