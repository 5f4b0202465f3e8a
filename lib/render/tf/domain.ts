import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import type { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import type { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import type { Eip } from '@cdktf/provider-aws/lib/eip';
import type { Lb } from '@cdktf/provider-aws/lib/lb';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import type { CertificatePlan, DomainPlan, DomainRecordPlan } from '../../plan';
import { helperName, named } from './terraform-names';

/** Props of {@link Domain}. */
export interface DomainProps {
  readonly plan: DomainPlan;
  /**
   * The us-east-1 provider for CloudFront's certificate: the default one when the primary region is us-east-1,
   * level 7's alias of a further us-east-1, else an alias of its own.
   */
  readonly viewerProvider: TerraformProvider | undefined;
}

/** An ACM certificate and the validation that waits until it is issued. */
export interface Certificate {
  readonly certificate: AcmCertificate;
  readonly validation: AcmCertificateValidation;
  /** The validated certificate's ARN: what uses it waits for its issue (CloudFront and ELB refuse a pending one). */
  readonly arn: string;
}

/** What the domain's records point at; null where the level has none. */
export interface RecordTargets {
  readonly distribution: CloudfrontDistribution | null;
  readonly loadBalancer: Lb | null;
  /** Levels 1-3: the server's Elastic IP. */
  readonly serverAddress: Eip | null;
  /** Levels 4-6: the app's Auto Scaling group, which the origin record waits for (its creation waits for healthy instances). */
  readonly fleetGroup: AutoscalingGroup | null;
  /** Level 7: multiRegion's health-checked records, which the origin record aliases by name in the same zone. */
  readonly routed: { readonly name: string; readonly records: readonly Route53Record[] } | null;
}

/**
 * The blueprint's own domain: the hosted zone (`data.aws_route53_zone.hosted_zone`, by name, or by
 * `hostedZoneId` when the blueprint gives it), ACM certificates validated through DNS records in it, and the
 * viewer and origin records. https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html
 */
export class Domain extends Construct {
  public readonly plan: DomainPlan;
  public readonly zone: DataAwsRoute53Zone;
  /** CloudFront's certificate for the viewer name, in us-east-1; null without a CDN. */
  public readonly viewerCertificate: Certificate | null;
  /** `domain_record` (A, and AAAA to CloudFront) and `origin_record`, once {@link addRecords} ran. */
  public readonly records: Route53Record[] = [];
  /**
   * One validation record per domain name: ACM asks for the same CNAME for one name in every region of an
   * account, so level 7's regional certificates for the origin name share the first one's record.
   */
  private readonly validationRecords = new Map<string, Route53Record>();

  constructor(scope: Construct, id: string, props: DomainProps) {
    super(scope, id);
    const { plan } = props;
    this.plan = plan;
    this.zone = named(new DataAwsRoute53Zone(this, 'Zone', plan.hostedZoneId
      ? { zoneId: plan.hostedZoneId }
      : { name: plan.hostedZone, privateZone: false }), 'hosted_zone');
    // CloudFront reads certificates only from us-east-1:
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html
    this.viewerCertificate = plan.viewerCertificate && this.certificate(plan.viewerCertificate, '', props.viewerProvider);
  }

  /**
   * A DNS-validated certificate (`<tfName><suffix>`), its validation record in the zone and the validation.
   * ACM certificates are regional, so each region's load balancer has its own:
   * https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html
   */
  public certificate(plan: CertificatePlan, regionSuffix: string, provider: TerraformProvider | undefined): Certificate {
    const tfName = `${plan.tfName}${regionSuffix}`;
    const certificate = named(new AcmCertificate(this, `Certificate-${tfName}`, {
      provider,
      domainName: plan.domainName,
      validationMethod: 'DNS',
      // A replacement (a new name) is issued before the old one goes, so listeners and CloudFront never lose theirs.
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: plan.domainName },
    }), tfName);
    const record = this.validationRecords.get(plan.domainName) ?? this.validationRecord(certificate, helperName(tfName, 'validation'));
    this.validationRecords.set(plan.domainName, record);
    const validation = named(new AcmCertificateValidation(this, `Validation-${tfName}`, {
      provider, certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn],
    }), tfName);
    return { certificate, validation, arn: validation.certificateArn };
  }

  /** The viewer record and the origin record the plan names, pointed at what the level has. */
  public addRecords(targets: RecordTargets): void {
    const { viewerRecord, originRecord } = this.plan;
    if (viewerRecord) this.records.push(...this.pointRecord(viewerRecord, targets, false));
    if (originRecord) this.records.push(...this.pointRecord(originRecord, targets, true));
  }

  /** The CNAME ACM asks for (one domain name per certificate, so one validation option). */
  private validationRecord(certificate: AcmCertificate, tfName: string): Route53Record {
    const option = certificate.domainValidationOptions.get(0);
    return named(new Route53Record(this, `Record-${tfName}`, {
      zoneId: this.zone.zoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
    }), tfName);
  }

  /**
   * One record: an alias to the distribution (A and AAAA: the distribution serves IPv6) or to the load balancer,
   * or a plain A record with the plan's TTL to the server's Elastic IP. The origin record keeps its name at
   * every level, so the climb 3 → 4 repoints it in place, and it waits for the fleet to be healthy.
   */
  private pointRecord(plan: DomainRecordPlan, targets: RecordTargets, waitForFleet: boolean): Route53Record[] {
    const zoneId = this.zone.zoneId;
    const dependsOn = waitForFleet && targets.fleetGroup ? [targets.fleetGroup] : undefined;
    switch (plan.target) {
      case 'cdn': {
        const distribution = targets.distribution;
        if (!distribution) return [];
        // CloudFront alias records take no target health: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html
        const alias = { name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false };
        return [
          named(new Route53Record(this, plan.id, { zoneId, name: plan.name, type: 'A', alias }), plan.tfName),
          named(new Route53Record(this, `${plan.id}Ipv6`, { zoneId, name: plan.name, type: 'AAAA', alias }), helperName(plan.tfName, 'ipv6')),
        ];
      }
      case 'load-balancer': {
        const balancer = targets.loadBalancer;
        if (!balancer) return [];
        return [named(new Route53Record(this, plan.id, {
          zoneId, name: plan.name, type: 'A', dependsOn,
          alias: { name: balancer.dnsName, zoneId: balancer.zoneId, evaluateTargetHealth: true },
        }), plan.tfName)];
      }
      case 'server': {
        const address = targets.serverAddress;
        if (!address) return [];
        return [named(new Route53Record(this, plan.id, {
          zoneId, name: plan.name, type: 'A', ttl: plan.ttlSeconds, records: [address.publicIp],
        }), plan.tfName)];
      }
      case 'routed': {
        // An alias to another record of the same zone, answered by the healthy region's record.
        // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html
        const routed = targets.routed;
        if (!routed) return [];
        return [named(new Route53Record(this, plan.id, {
          zoneId, name: plan.name, type: 'A', dependsOn: [...routed.records],
          alias: { name: routed.name, zoneId, evaluateTargetHealth: true },
        }), plan.tfName)];
      }
    }
  }
}
