import { Stack, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ArchitecturePlan, RegionMonitoringPlan } from '../../plan';
import { Monitoring, monitoringOf } from './monitoring';
import { recordAcknowledgements } from './nag';
import { REMOVAL_POLICIES } from './removal-policy';
import { WatchedResources } from './watched-resources';

/** Props of {@link MonitoringStack}. */
export interface MonitoringStackProps {
  readonly plan: ArchitecturePlan;
  /** A region of `plan.monitoring` with `globalServicesOnly` set. */
  readonly region: RegionMonitoringPlan;
  /** The caller's account (addBlueprint's `env`); none for an environment-agnostic stack. */
  readonly account?: string;
}

/**
 * The alarms of CloudFront and Route 53 health checks, whose metrics live in us-east-1 only, with their key and
 * topics, when no blueprint region is us-east-1: an alarm notifies topics of its own region only, and a
 * CloudFormation stack creates resources in its own region only
 * (Route 53 health checks: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html;
 * CloudFront: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/programming-cloudwatch-metrics.html). The distribution and the health checks are other regions'
 * resources, read through aws-cdk-lib's cross-region references (SSM parameters the producing stacks write here),
 * which also make this stack deploy after theirs. Modelled on {@link CertificateStack}.
 */
export class MonitoringStack extends Stack {
  public readonly monitoring: Monitoring | null;

  constructor(scope: Construct, props: MonitoringStackProps) {
    const { plan, region } = props;
    super(scope, region.stackName, {
      stackName: region.stackName,
      // The caller's account when it pins one (addBlueprint's `env`), as every other stack of the blueprint.
      env: { region: region.region, ...(props.account === undefined ? {} : { account: props.account }) },
      crossRegionReferences: true,
      description: `tierup ${plan.name} (${plan.environment}): level ${plan.level}, the alarms of CloudFront and Route 53 (us-east-1 metrics)`,
    });
    Object.entries(plan.tags).forEach(([key, value]) => Tags.of(this).add(key, value));
    const monitoring = monitoringOf(plan, region.stackName);
    this.monitoring = monitoring && new Monitoring(this, 'Monitoring', {
      ...monitoring, watched: WatchedResources.of(this, plan), removalPolicy: REMOVAL_POLICIES[plan.retention.dataStores],
    });
    recordAcknowledgements(this);
  }
}

/** The plan's us-east-1 monitoring stacks, added once every region's stack has registered what it watches. */
export function addMonitoringStacks(scope: Construct, plan: ArchitecturePlan, account?: string): MonitoringStack[] {
  return plan.monitoring.regions.filter((region) => region.globalServicesOnly).map((region) => new MonitoringStack(scope, { plan, region, account }));
}
