import { Fn, Stack, Token } from 'aws-cdk-lib';
import { HostedZone, type IHostedZone } from 'aws-cdk-lib/aws-route53';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import type { DomainPlan } from '../../plan';
import { acknowledgeLookup } from './nag';

/** Construct id of a stack's hosted zone (one per stack, shared by its certificates, records and grants). */
const ZONE_ID = 'HostedZone';

/**
 * The blueprint's hosted zone in `scope`'s stack: by `domain.hostedZoneId`, or else looked up by name when the
 * stack deploys (CloudFormation cannot resolve a zone by name, and ACM's DNS validation needs the zone's id:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-certificatemanager-certificate-domainvalidationoption.html).
 * The lookup runs in every stack that needs the zone, so no stack reads another's value.
 */
export function hostedZoneOf(scope: Construct, domain: Pick<DomainPlan, 'hostedZone' | 'hostedZoneId'>): IHostedZone {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(ZONE_ID);
  if (existing) return existing as IHostedZone;
  const hostedZoneId = domain.hostedZoneId === null ? lookUpZoneId(stack, domain.hostedZone) : domain.hostedZoneId;
  return HostedZone.fromHostedZoneAttributes(stack, ZONE_ID, { hostedZoneId, zoneName: domain.hostedZone });
}

/** The ARN of a zone, as IAM names it (Route 53 is global: no region, no account). */
export function hostedZoneArn(zone: IHostedZone): string {
  return Fn.join('', ['arn:', Stack.of(zone).partition, ':route53:::hostedzone/', zone.hostedZoneId]);
}

/**
 * ListHostedZonesByName lists zones in name order from `DNSName`, so the first one is the zone when it exists in
 * the account (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListHostedZonesByName.html). Its id
 * comes as `/hostedzone/<id>`. Give `domain.hostedZoneId` when the account holds a private zone of the same name.
 */
function lookUpZoneId(stack: Stack, zoneName: string): string {
  const lookup = new AwsCustomResource(stack, 'HostedZoneLookup', {
    onUpdate: {
      service: 'Route53',
      action: 'listHostedZonesByName',
      parameters: { DNSName: zoneName, MaxItems: '1' },
      physicalResourceId: PhysicalResourceId.of(zoneName),
      outputPaths: ['HostedZones.0.Id'],
    },
    // ListHostedZonesByName has no resource-level permissions.
    policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
    installLatestAwsSdk: false,
  });
  acknowledgeLookup(lookup, 'hostedZoneLookupAnyResource');
  return Fn.select(2, Fn.split('/', Token.asString(lookup.getResponseField('HostedZones.0.Id'))));
}
