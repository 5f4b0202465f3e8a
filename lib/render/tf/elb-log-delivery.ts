import type { AwsRegion } from '../../spec';

/** Who writes a region's load balancer access logs: an AWS account of Elastic Load Balancing, or its log delivery service. */
export type ElbLogDelivery = { readonly account: string } | { readonly service: 'logdelivery.elasticloadbalancing.amazonaws.com' };

const SERVICE = { service: 'logdelivery.elasticloadbalancing.amazonaws.com' } as const;

/**
 * The writer of Application Load Balancer access logs per region, as AWS documents it
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html#attach-bucket-policy):
 * the regions in AWS's list grant Elastic Load Balancing's account of the region; every other region (those
 * opened since December 2021) grants the log delivery service principal. A record over every region a
 * blueprint may name, so a new region cannot be added without deciding its writer.
 */
export const ELB_LOG_DELIVERY: Readonly<Record<AwsRegion, ElbLogDelivery>> = {
  'us-east-1': { account: '127311923021' },
  'us-east-2': { account: '033677994240' },
  'us-west-1': { account: '027434742980' },
  'us-west-2': { account: '797873946194' },
  'af-south-1': { account: '098369216593' },
  'ap-east-1': { account: '754344448648' },
  'ap-east-2': SERVICE,
  'ap-south-1': { account: '718504428378' },
  'ap-south-2': SERVICE,
  'ap-southeast-1': { account: '114774131450' },
  'ap-southeast-2': { account: '783225319266' },
  'ap-southeast-3': SERVICE,
  'ap-southeast-4': SERVICE,
  'ap-southeast-5': SERVICE,
  'ap-southeast-7': SERVICE,
  'ap-northeast-1': { account: '582318560864' },
  'ap-northeast-2': { account: '600734575887' },
  'ap-northeast-3': { account: '383597477331' },
  'ca-central-1': { account: '985666609251' },
  'ca-west-1': SERVICE,
  'eu-central-1': { account: '054676820928' },
  'eu-central-2': SERVICE,
  'eu-west-1': { account: '156460612806' },
  'eu-west-2': { account: '652711504416' },
  'eu-west-3': { account: '009996457667' },
  'eu-south-1': { account: '635631232127' },
  'eu-south-2': SERVICE,
  'eu-north-1': { account: '897822967062' },
  'il-central-1': SERVICE,
  'me-south-1': { account: '076674570225' },
  'me-central-1': SERVICE,
  'mx-central-1': SERVICE,
  'sa-east-1': { account: '507241528517' },
};

/** The bucket policy `Principal` of a region's load balancer log writer. */
export function elbLogDeliveryPrincipal(region: AwsRegion): { readonly AWS: string } | { readonly Service: string } {
  const delivery = ELB_LOG_DELIVERY[region];
  return 'account' in delivery ? { AWS: `arn:aws:iam::${delivery.account}:root` } : { Service: delivery.service };
}
