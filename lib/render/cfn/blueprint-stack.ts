import { CfnOutput, Stack, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ArchitecturePlan, RegionPlan } from '../../plan';
import { Network, zoneTokens } from './network';
import { REMOVAL_POLICIES } from './removal-policy';

/** Props of {@link BlueprintStack}. */
export interface BlueprintStackProps {
  readonly plan: ArchitecturePlan;
}

/** The primary region's stack: everything a blueprint's level calls for, composed from one construct per concept. */
export class BlueprintStack extends Stack {
  public readonly plan: ArchitecturePlan;
  public readonly region: RegionPlan['region'];
  public readonly network: Network;

  constructor(scope: Construct, props: BlueprintStackProps) {
    const { plan } = props;
    const primary = plan.regions[0];
    super(scope, primary.stackName, {
      stackName: primary.stackName,
      env: { region: primary.region },
      description: `tierup ${plan.name} (${plan.environment}), level ${plan.level} (${plan.levelName})`,
    });
    this.plan = plan;
    this.region = primary.region;
    for (const [key, value] of Object.entries(plan.tags)) {
      Tags.of(this).add(key, value);
    }

    this.network = new Network(this, plan.network.id, {
      plan: plan.network,
      logRemovalPolicy: REMOVAL_POLICIES[plan.retention.dataStores],
    });

    new CfnOutput(this, 'VpcId', { value: this.network.vpc.vpcId, description: 'VPC of the blueprint' });
  }

  /** Exactly `maxAzs` zones, resolved at deploy time (the template names no account). */
  public override get availabilityZones(): string[] {
    return zoneTokens(this.plan.network.maxAzs);
  }
}
