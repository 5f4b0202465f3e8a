import { Duration } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { CfnEIP } from 'aws-cdk-lib/aws-ec2';
import type { ILoadBalancerV2 } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { AaaaRecord, ARecord, type IHostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { CloudFrontTarget, LoadBalancerTarget } from 'aws-cdk-lib/aws-route53-targets';
import { Construct, type IConstruct } from 'constructs';
import type { DomainPlan, DomainRecordPlan } from '../../plan';

/** What the records can point at, as the stack created them. */
export interface RecordTargets {
  readonly distribution: Distribution | null;
  readonly loadBalancer: ILoadBalancerV2 | null;
  readonly elasticIp: CfnEIP | null;
  /** The fleet behind the origin record (levels 4-6): the record changes only once it is healthy (the server's address already waits for the server). */
  readonly origin: IConstruct | null;
  /** Level 7: the name of multiRegion's health-checked records and this region's record, which the origin record aliases. */
  readonly routed: { readonly name: string; readonly record: IConstruct } | null;
}

/** Props of {@link DomainRecords}. */
export interface DomainRecordsProps {
  readonly plan: DomainPlan;
  readonly zone: IHostedZone;
  readonly targets: RecordTargets;
}

/**
 * The blueprint's records in its hosted zone: the viewer name (`DomainRecord`: CloudFront, A and AAAA aliases,
 * or without a CDN the load balancer or the server) and, behind CloudFront, the origin name (`OriginRecord`:
 * the server's Elastic IP at levels 1-3, an alias to the load balancer at 4-6). The ids stay at every level,
 * so climbing 3 → 4 repoints the origin record, after the fleet has signalled it is healthy.
 */
export class DomainRecords extends Construct {
  public readonly viewerRecords: readonly (ARecord | AaaaRecord)[];
  public readonly originRecord: ARecord | null;

  constructor(scope: Construct, id: string, props: DomainRecordsProps) {
    super(scope, id);
    const { plan } = props;
    this.viewerRecords = plan.viewerRecord ? this.addRecords(plan.viewerRecord, props) : [];
    this.originRecord = plan.originRecord ? this.addRecords(plan.originRecord, props)[0] as ARecord : null;
    if (this.originRecord && props.targets.origin) this.originRecord.node.addDependency(props.targets.origin);
  }

  /** One planned record: an alias (A, and AAAA for CloudFront, which serves IPv6) or a plain A record with the plan's TTL. */
  private addRecords(record: DomainRecordPlan, props: DomainRecordsProps): (ARecord | AaaaRecord)[] {
    const { zone, targets } = props;
    const scope = new Construct(this, record.id);
    const common = { zone, recordName: `${record.name}.` };
    if (record.target === 'cdn' && targets.distribution) {
      const target = RecordTarget.fromAlias(new CloudFrontTarget(targets.distribution));
      return [new ARecord(scope, 'A', { ...common, target }), new AaaaRecord(scope, 'AAAA', { ...common, target })];
    }
    if (record.target === 'load-balancer' && targets.loadBalancer) {
      return [new ARecord(scope, 'A', { ...common, target: RecordTarget.fromAlias(new LoadBalancerTarget(targets.loadBalancer)) })];
    }
    if (record.target === 'routed' && targets.routed) {
      // An alias to another record of the same zone, answered by the healthy region's record; it needs that name
      // to exist, so it waits for this region's. https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html
      const routed = targets.routed;
      const alias = new ARecord(scope, 'A', { ...common, target: RecordTarget.fromAlias({
        bind: () => ({ dnsName: `${routed.name}.`, hostedZoneId: zone.hostedZoneId, evaluateTargetHealth: true }),
      }) });
      alias.node.addDependency(routed.record);
      return [alias];
    }
    if (record.target === 'server' && targets.elasticIp) {
      return [new ARecord(scope, 'A', { ...common, target: RecordTarget.fromIpAddresses(targets.elasticIp.ref), ttl: Duration.seconds(record.ttlSeconds) })];
    }
    return [];
  }
}
