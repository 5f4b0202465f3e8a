import { Aws, Names, Stack } from 'aws-cdk-lib';
import { SecurityGroup, type IVpc } from 'aws-cdk-lib/aws-ec2';
import { CfnApplication } from 'aws-cdk-lib/aws-sam';
import { Construct } from 'constructs';
import type { RotatorPlan } from '../../plan';
import { SUBNET_GROUPS } from './network';

/** Props of {@link SecretRotator}. */
export interface SecretRotatorProps {
  readonly plan: RotatorPlan;
  readonly vpc: IVpc;
}

/**
 * AWS's single-user rotation function for one engine, deployed from the Serverless Application Repository
 * into the isolated subnets, shared by every database of that engine in the stack: each database's
 * rotation schedule names it, and the template's policy lets it rotate exactly those secrets.
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_available-rotation-templates.html
 */
export class SecretRotator extends Construct {
  /** The function's security group: each database admits it on the engine port. */
  public readonly securityGroup: SecurityGroup;
  public readonly functionArn: string;

  /** The stack's rotator for the plan's engine, created on first use. */
  public static of(scope: Construct, props: SecretRotatorProps): SecretRotator {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(props.plan.id) as SecretRotator | undefined) ?? new SecretRotator(stack, props.plan.id, props);
  }

  private constructor(scope: Construct, id: string, props: SecretRotatorProps) {
    super(scope, id);
    const { plan, vpc } = props;
    // It calls Secrets Manager (through the VPC's interface endpoint) and the databases.
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', { vpc, description: `${plan.id}: rotates database master passwords`, allowAllOutbound: true });
    const application = new CfnApplication(this, 'Application', {
      location: { applicationId: plan.application.id, semanticVersion: plan.application.semanticVersion },
      parameters: {
        endpoint: `https://secretsmanager.${Aws.REGION}.${Aws.URL_SUFFIX}`,
        // Unique per stack (the path includes it), so two blueprints in one account never share a name.
        functionName: Names.uniqueResourceName(this, { maxLength: 64 }),
        vpcSubnetIds: vpc.selectSubnets({ subnetGroupName: SUBNET_GROUPS.isolated }).subnetIds.join(','),
        vpcSecurityGroupIds: this.securityGroup.securityGroupId,
        excludeCharacters: plan.excludeCharacters,
      },
    });
    this.functionArn = application.getAtt('Outputs.RotationLambdaARN').toString();
  }
}
