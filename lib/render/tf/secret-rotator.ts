import { Fn, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ServerlessapplicationrepositoryCloudformationStack } from '@cdktf/provider-aws/lib/serverlessapplicationrepository-cloudformation-stack';
import type { RotatorPlan } from '../../plan';
import type { Placement } from './placement';
import { TierSecurityGroup } from './security-group';
import { named } from './terraform-names';

/** Props of {@link SecretRotator}. */
export interface SecretRotatorProps {
  readonly plan: RotatorPlan;
  readonly placement: Placement;
}

/**
 * AWS's single-user rotation function for one engine, deployed from the Serverless Application Repository
 * into the isolated subnets (the application aws-cdk-lib deploys for the CloudFormation target), shared by
 * every database of that engine in the configuration.
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_available-rotation-templates.html
 */
export class SecretRotator extends Construct {
  /** The function's security group: each database admits it on the engine port. */
  public readonly securityGroup: TierSecurityGroup;
  public readonly functionArn: string;

  /** The configuration's rotator for the plan's engine, created on first use. */
  public static of(scope: Construct, props: SecretRotatorProps): SecretRotator {
    const stack = TerraformStack.of(scope);
    return (stack.node.tryFindChild(props.plan.id) as SecretRotator | undefined) ?? new SecretRotator(stack, props.plan.id, props);
  }

  private constructor(scope: Construct, id: string, props: SecretRotatorProps) {
    super(scope, id);
    const { plan, placement } = props;
    this.securityGroup = new TierSecurityGroup(this, 'SecurityGroup', {
      tfName: plan.tfName, vpcId: placement.network.vpc.id, description: `tierup ${plan.tfName}: rotates database master passwords`, provider: placement.provider,
    });
    // It calls Secrets Manager (through the VPC's interface endpoint) and the databases.
    this.securityGroup.allowHttpsEgress();
    const application = named(new ServerlessapplicationrepositoryCloudformationStack(this, 'Application', {
      provider: placement.provider,
      // The stack is `serverlessrepo-<name>`; the function gets the same name, unique per account and region.
      name: plan.functionName,
      applicationId: plan.application.id,
      semanticVersion: plan.application.semanticVersion,
      capabilities: ['CAPABILITY_IAM', 'CAPABILITY_RESOURCE_POLICY'],
      parameters: {
        endpoint: `https://secretsmanager.${placement.region}.amazonaws.com`,
        functionName: plan.functionName,
        vpcSubnetIds: Fn.join(',', placement.network.isolatedSubnetIds),
        vpcSecurityGroupIds: this.securityGroup.group.id,
        excludeCharacters: plan.excludeCharacters,
      },
    }), plan.tfName);
    this.functionArn = application.outputs.lookup('RotationLambdaARN');
  }
}
