import { Duration, NestedStack } from 'aws-cdk-lib';
import type { IVpc } from 'aws-cdk-lib/aws-ec2';
import {
  type ApplicationListener, ApplicationListenerRule, ApplicationProtocol, ApplicationTargetGroup, ListenerAction, ListenerCondition, TargetType,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import type { ArchitecturePlan, RegionPlan, RetentionPlan, ServicePlan, WiringPlan } from '../../plan';
import { AppConfig } from './app-config';
import { Cache } from './cache';
import { Database } from './database';
import { Fleet } from './fleet';
import { originProofCondition } from './load-balancer';
import type { OriginProof } from './origin-secrets';
import { QueueWorker } from './queue-worker';
import { clientGroups, type WiredTier, workersByKey } from './wiring';
import type { AwsRegion } from '../../spec';
import { REMOVAL_POLICIES } from './removal-policy';

/** Props of {@link Service}. */
export interface ServiceProps {
  readonly plan: ServicePlan;
  /** The blueprint's plan and the stack's region, for the boot scripts of the service's tiers. */
  readonly boot: { readonly plan: ArchitecturePlan; readonly region: RegionPlan };
  readonly vpc: IVpc;
  /** The shared load balancer's listener: the service adds its path rule; the default action stays the app's. */
  readonly listener: ApplicationListener;
  /** Behind CloudFront: the path rule also requires the distribution's secret header; null without a CDN. */
  readonly originProof: OriginProof | null;
  readonly retention: RetentionPlan;
  /**
   * False in a further region's stack (level 7): there the service's database is a cross-region
   * replica of the primary region's (RegionalReplicas), not a primary of its own.
   */
  readonly primaryRegion: boolean;
  /** The plan's wiring graph and the stack's region: the service's data stores admit the tiers it connects. */
  readonly wiring: WiringPlan;
  readonly region: AwsRegion;
}

/**
 * A microservice in its own nested stack (construct id `ServicePlan.id`), created from the level a
 * service first appears so that nothing ever moves between stacks: its own target group and listener
 * rule on the shared load balancer, its own fleet and security groups, and its own database, cache and
 * queues when the plan gives them, with its settings under its own SSM prefix.
 */
export class Service extends NestedStack {
  public readonly plan: ServicePlan;
  public readonly appConfig: AppConfig;
  public readonly targetGroup: ApplicationTargetGroup;
  public readonly listenerRule: ApplicationListenerRule;
  public readonly fleet: Fleet;
  public readonly database: Database | null;
  public readonly cache: Cache | null;
  public readonly queues: readonly QueueWorker[];
  /** Everything running the service's code, its fleet and its queues' workers, by their keys in the wiring graph. */
  public readonly tiers: ReadonlyMap<string, WiredTier>;

  constructor(scope: Construct, props: ServiceProps) {
    const { plan, vpc, retention } = props;
    super(scope, plan.id, { description: `tierup service ${plan.name} (${plan.pathPattern})` });
    this.plan = plan;
    this.appConfig = new AppConfig(this, 'AppConfig', { prefix: plan.parameterPrefix });

    this.targetGroup = new ApplicationTargetGroup(this, 'TargetGroup', {
      vpc,
      port: plan.fleet.port,
      protocol: ApplicationProtocol.HTTP,
      targetType: TargetType.INSTANCE,
      deregistrationDelay: Duration.seconds(30),
      healthCheck: { path: plan.fleet.healthCheckPath, healthyHttpCodes: plan.fleet.healthyHttpCodes, interval: Duration.seconds(15), healthyThresholdCount: 2, unhealthyThresholdCount: 3 },
    });
    this.listenerRule = new ApplicationListenerRule(this, 'ListenerRule', {
      listener: props.listener,
      priority: plan.listenerPriority,
      conditions: [ListenerCondition.pathPatterns([plan.pathPattern]), ...(props.originProof ? [originProofCondition(props.originProof)] : [])],
      action: ListenerAction.forward([this.targetGroup]),
    });
    this.fleet = new Fleet(this, plan.fleet.id, {
      plan: plan.fleet, vpc, boot: { ...props.boot, tier: { kind: 'fleet', service: plan.name } }, targetGroup: this.targetGroup,
    });

    this.queues = plan.queues.map((queue) => new QueueWorker(this, queue.id, {
      plan: queue, vpc, boot: { ...props.boot, service: plan.name }, removalPolicy: REMOVAL_POLICIES[retention.dataStores],
    }));
    this.tiers = new Map<string, WiredTier>([[plan.fleet.tfName, this.fleet], ...workersByKey(this.queues)]);
    const clients = (kind: 'database' | 'cache', key: string) => clientGroups(props.wiring, { kind, key, region: props.region }, this.tiers);
    this.database = plan.database && props.primaryRegion
      ? new Database(this, plan.database.id, { plan: plan.database, vpc, retention, clients: clients('database', plan.database.tfName) })
      : null;
    this.cache = plan.cache && new Cache(this, plan.cache.id, { plan: plan.cache, vpc, retention, clients: clients('cache', plan.cache.tfName) });
  }
}
