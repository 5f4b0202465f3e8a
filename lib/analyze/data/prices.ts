/**
 * On-demand list prices that `tierup cost` multiplies, in USD, Linux, no free tier, no discounts.
 *
 * Source: the AWS pricing pages (aws.amazon.com/ec2/pricing/on-demand, /rds/pricing, /rds/proxy/pricing,
 * /elasticache/pricing, /vpc/pricing, /elasticloadbalancing/pricing, /ebs/pricing, /s3/pricing,
 * /cloudfront/pricing, /sqs/pricing, /sns/pricing, /route53/pricing, /secrets-manager/pricing,
 * /privatelink/pricing, /lambda/pricing, /certificate-manager/pricing) as
 * quoted in public cost guides of May 2026 (e.g. RDS t4g: db.t4g.micro $0.016, small $0.032, medium
 * $0.065 in us-east-1, Multi-AZ exactly double). Override a figure by editing this file; the date
 * below says how old the figures are.
 *
 * Instance prices are listed for us-east-1. us-east-2 and us-west-2 charge the same for every type
 * listed here. Other regions list their own figures where known (`regionalInstanceHourly`) and
 * otherwise derive them with that region's ratio (`regionalRatio`), computed from the t3 family,
 * whose regional prices are published for every region: see PRICE_NOTES.
 */

/** Regions with prices; a plan in any other region gets "unpriced" lines and a warning. */
export const PRICED_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1',
] as const;

/** One of {@link PRICED_REGIONS}. */
export type PricedRegion = (typeof PRICED_REGIONS)[number];

/** When the figures were read, as printed by `tierup cost`. */
export const PRICE_DATE = '2026-05';

/** Hours in a billing month, as AWS's own calculator counts them. */
export const HOURS_PER_MONTH = 730;

/** What a reader of the figures must know: where each one comes from, and which are derived. */
export const PRICE_NOTES = [
  'us-east-1 figures are AWS list prices (on-demand, Linux, shared tenancy); us-east-2 and us-west-2 charge the same for the types listed.',
  'Regional ratio = the region\'s t3.small price / us-east-1\'s ($0.0228, $0.0240, $0.0264, $0.0272 against $0.0208 in eu-west-1, eu-central-1, ap-southeast-1, ap-northeast-1); instance prices not listed for a region are the us-east-1 price × that ratio, rounded to 4 decimals (RDS, RDS Proxy and ElastiCache use the same ratio).',
  'RDS Multi-AZ (one standby) costs twice the single-AZ instance and storage price.',
  'ElastiCache for Valkey nodes cost 20% less than Redis OSS nodes of the same type (AWS, October 2024).',
  'RDS Proxy bills per vCPU of the database instance, at least 2 vCPUs.',
  'CloudFront is priced at the United States/Europe edge rate, which PriceClass_100 serves; larger price classes cost more at distant edges.',
  'Interface VPC endpoints (AWS PrivateLink) bill per endpoint per Availability Zone per hour, plus per GB processed ($0.01 for the first PB in every priced region).',
  'Lambda bills $0.20 per million requests and $0.0000166667 per GB-second (x86) in every priced region; the password rotation function runs a few times a month.',
  'ACM public certificates are free (https://aws.amazon.com/certificate-manager/pricing/): CloudFront\'s and the load balancer\'s cost nothing.',
  'CloudWatch and KMS are priced at us-east-1\'s list prices in every region (alarms, dashboards and custom metrics cost the same in the priced regions; log ingestion costs somewhat more outside the US); the free tier is left out, except the first three dashboards. Auto Scaling group metrics at 1-minute granularity cost nothing.',
  'Route 53: the hosted zone of domain.hostedZone is yours and not counted ($0.50 a month if you created it for this app); alias queries to CloudFront and load balancers are free; queries of plain records are standard queries, $0.40 per million.',
] as const;

/** Hourly on-demand prices of EC2 instance types in us-east-1. */
export const EC2_HOURLY: Readonly<Record<string, number>> = {
  't3.nano': 0.0052, 't3.micro': 0.0104, 't3.small': 0.0208, 't3.medium': 0.0416, 't3.large': 0.0832,
  't3.xlarge': 0.1664, 't3.2xlarge': 0.3328,
  't4g.micro': 0.0084, 't4g.small': 0.0168, 't4g.medium': 0.0336, 't4g.large': 0.0672,
  'm7g.medium': 0.0408, 'm7g.large': 0.0816, 'm7g.xlarge': 0.1632, 'm7g.2xlarge': 0.3264,
  'm6i.large': 0.096, 'm6i.xlarge': 0.192, 'm6i.2xlarge': 0.384,
  'c7g.medium': 0.0363, 'c7g.large': 0.0725, 'c7g.xlarge': 0.145, 'c7g.2xlarge': 0.29,
};

/** Hourly single-AZ prices of RDS instance classes in us-east-1, per engine. */
export const RDS_HOURLY: Readonly<Record<'postgres' | 'mysql', Readonly<Record<string, number>>>> = {
  postgres: {
    'db.t4g.micro': 0.016, 'db.t4g.small': 0.032, 'db.t4g.medium': 0.065, 'db.t4g.large': 0.129, 'db.t4g.xlarge': 0.258,
    'db.t3.micro': 0.018, 'db.t3.small': 0.036, 'db.t3.medium': 0.072, 'db.t3.large': 0.145,
    'db.m6g.large': 0.159, 'db.m6g.xlarge': 0.318, 'db.m6g.2xlarge': 0.636, 'db.m6g.4xlarge': 1.272,
    'db.r6g.large': 0.225, 'db.r6g.xlarge': 0.45, 'db.r6g.2xlarge': 0.899, 'db.r6g.4xlarge': 1.798,
  },
  mysql: {
    'db.t4g.micro': 0.016, 'db.t4g.small': 0.032, 'db.t4g.medium': 0.065, 'db.t4g.large': 0.129, 'db.t4g.xlarge': 0.258,
    'db.t3.micro': 0.017, 'db.t3.small': 0.034, 'db.t3.medium': 0.068, 'db.t3.large': 0.136,
    'db.m6g.large': 0.152, 'db.m6g.xlarge': 0.304, 'db.m6g.2xlarge': 0.608, 'db.m6g.4xlarge': 1.216,
    'db.r6g.large': 0.215, 'db.r6g.xlarge': 0.43, 'db.r6g.2xlarge': 0.86, 'db.r6g.4xlarge': 1.72,
  },
};

/** vCPUs of RDS instance classes: RDS Proxy bills per vCPU. */
export const RDS_VCPUS: Readonly<Record<string, number>> = {
  'db.t4g.micro': 2, 'db.t4g.small': 2, 'db.t4g.medium': 2, 'db.t4g.large': 2, 'db.t4g.xlarge': 4,
  'db.t3.micro': 2, 'db.t3.small': 2, 'db.t3.medium': 2, 'db.t3.large': 2,
  'db.m6g.large': 2, 'db.m6g.xlarge': 4, 'db.m6g.2xlarge': 8, 'db.m6g.4xlarge': 16,
  'db.r6g.large': 2, 'db.r6g.xlarge': 4, 'db.r6g.2xlarge': 8, 'db.r6g.4xlarge': 16,
};

/** Hourly prices of ElastiCache for Redis OSS node types in us-east-1. */
export const ELASTICACHE_HOURLY: Readonly<Record<string, number>> = {
  'cache.t4g.micro': 0.016, 'cache.t4g.small': 0.032, 'cache.t4g.medium': 0.065,
  'cache.t3.micro': 0.017, 'cache.t3.small': 0.034, 'cache.t3.medium': 0.068,
  'cache.m7g.large': 0.158, 'cache.m6g.large': 0.149,
  'cache.r7g.large': 0.219, 'cache.r7g.xlarge': 0.437, 'cache.r6g.large': 0.206, 'cache.r6g.xlarge': 0.411,
};

/** Valkey nodes' price as a share of Redis OSS nodes' (20% lower). */
export const VALKEY_NODE_FACTOR = 0.8;

/** Each region's price level against us-east-1 (see PRICE_NOTES). */
export const REGIONAL_RATIO = {
  'us-east-1': 1,
  'us-east-2': 1,
  'us-west-2': 1,
  'eu-west-1': 0.0228 / 0.0208,
  'eu-central-1': 0.024 / 0.0208,
  'ap-southeast-1': 0.0264 / 0.0208,
  'ap-northeast-1': 0.0272 / 0.0208,
} as const satisfies Record<PricedRegion, number>;

/** Published regional EC2 figures that override the ratio. */
export const REGIONAL_EC2_HOURLY: Readonly<Partial<Record<PricedRegion, Readonly<Record<string, number>>>>> = {
  'eu-west-1': { 't3.micro': 0.0114, 't3.small': 0.0228, 't3.medium': 0.0456, 't3.large': 0.0912 },
  'eu-central-1': { 't3.micro': 0.012, 't3.small': 0.024, 't3.medium': 0.048, 't3.large': 0.096 },
  'ap-southeast-1': { 't3.micro': 0.0132, 't3.small': 0.0264, 't3.medium': 0.0528, 't3.large': 0.1056 },
  'ap-northeast-1': { 't3.micro': 0.0136, 't3.small': 0.0272, 't3.medium': 0.0544, 't3.large': 0.1088 },
};

/** Prices that are one figure per region. */
export interface RegionalRates {
  /** gp3, per GB-month. */
  readonly ebsGp3GbMonth: number;
  /** RDS General Purpose storage, single-AZ, per GB-month. */
  readonly rdsStorageGbMonth: number;
  /** Every public IPv4 address, attached or not, per hour (since February 2024). */
  readonly publicIpv4Hourly: number;
  readonly natGatewayHourly: number;
  readonly natGatewayGb: number;
  readonly albHourly: number;
  readonly albLcuHourly: number;
  /** RDS Proxy, per vCPU-hour of the database instance. */
  readonly rdsProxyVcpuHourly: number;
  /** S3 Standard, first 50 TB, per GB-month. */
  readonly s3GbMonth: number;
  /** Data transfer out to the internet, first 10 TB, per GB. */
  readonly internetEgressGb: number;
  /** An interface VPC endpoint, per Availability Zone it has a network interface in, per hour (aws.amazon.com/privatelink/pricing). */
  readonly interfaceEndpointAzHourly: number;
  /** Data an interface endpoint processes, first PB a month in the region, per GB. */
  readonly interfaceEndpointGb: number;
}

/** {@link RegionalRates} for every priced region. */
export const REGIONAL_RATES = {
  'us-east-1': { ebsGp3GbMonth: 0.08, rdsStorageGbMonth: 0.115, publicIpv4Hourly: 0.005, natGatewayHourly: 0.045, natGatewayGb: 0.045, albHourly: 0.0225, albLcuHourly: 0.008, rdsProxyVcpuHourly: 0.015, s3GbMonth: 0.023, internetEgressGb: 0.09, interfaceEndpointAzHourly: 0.01, interfaceEndpointGb: 0.01 },
  'us-east-2': { ebsGp3GbMonth: 0.08, rdsStorageGbMonth: 0.115, publicIpv4Hourly: 0.005, natGatewayHourly: 0.045, natGatewayGb: 0.045, albHourly: 0.0225, albLcuHourly: 0.008, rdsProxyVcpuHourly: 0.015, s3GbMonth: 0.023, internetEgressGb: 0.09, interfaceEndpointAzHourly: 0.01, interfaceEndpointGb: 0.01 },
  'us-west-2': { ebsGp3GbMonth: 0.08, rdsStorageGbMonth: 0.115, publicIpv4Hourly: 0.005, natGatewayHourly: 0.045, natGatewayGb: 0.045, albHourly: 0.0225, albLcuHourly: 0.008, rdsProxyVcpuHourly: 0.015, s3GbMonth: 0.023, internetEgressGb: 0.09, interfaceEndpointAzHourly: 0.01, interfaceEndpointGb: 0.01 },
  'eu-west-1': { ebsGp3GbMonth: 0.088, rdsStorageGbMonth: 0.127, publicIpv4Hourly: 0.005, natGatewayHourly: 0.048, natGatewayGb: 0.048, albHourly: 0.0252, albLcuHourly: 0.008, rdsProxyVcpuHourly: 0.0164, s3GbMonth: 0.023, internetEgressGb: 0.09, interfaceEndpointAzHourly: 0.011, interfaceEndpointGb: 0.01 },
  'eu-central-1': { ebsGp3GbMonth: 0.0952, rdsStorageGbMonth: 0.133, publicIpv4Hourly: 0.005, natGatewayHourly: 0.052, natGatewayGb: 0.052, albHourly: 0.027, albLcuHourly: 0.0088, rdsProxyVcpuHourly: 0.0173, s3GbMonth: 0.0245, internetEgressGb: 0.09, interfaceEndpointAzHourly: 0.012, interfaceEndpointGb: 0.01 },
  'ap-southeast-1': { ebsGp3GbMonth: 0.096, rdsStorageGbMonth: 0.138, publicIpv4Hourly: 0.005, natGatewayHourly: 0.059, natGatewayGb: 0.059, albHourly: 0.0252, albLcuHourly: 0.008, rdsProxyVcpuHourly: 0.019, s3GbMonth: 0.025, internetEgressGb: 0.12, interfaceEndpointAzHourly: 0.013, interfaceEndpointGb: 0.01 },
  'ap-northeast-1': { ebsGp3GbMonth: 0.096, rdsStorageGbMonth: 0.138, publicIpv4Hourly: 0.005, natGatewayHourly: 0.062, natGatewayGb: 0.062, albHourly: 0.0243, albLcuHourly: 0.008, rdsProxyVcpuHourly: 0.0196, s3GbMonth: 0.025, internetEgressGb: 0.114, interfaceEndpointAzHourly: 0.013, interfaceEndpointGb: 0.01 },
} as const satisfies Record<PricedRegion, RegionalRates>;

/** Prices that do not depend on the region (global services, or the same list price everywhere priced). */
export const GLOBAL_RATES = {
  /** CloudFront data transfer out, United States/Europe, first 10 TB, per GB. */
  cloudFrontGb: 0.085,
  /** CloudFront HTTPS requests, United States/Europe, per 10,000. */
  cloudFrontPer10kRequests: 0.01,
  /** SQS standard queue requests, per million (a message costs a send, a receive and a delete). */
  sqsStandardPerMillion: 0.4,
  sqsFifoPerMillion: 0.5,
  /** SNS publishes, per million; delivery to SQS is free. */
  snsPerMillion: 0.5,
  route53HostedZoneMonth: 0.5,
  /** A basic health check of an AWS endpoint, per month. */
  route53HealthCheckMonth: 0.5,
  /** A secret, per month; each replica in another region is billed as a secret of its own. */
  secretsManagerSecretMonth: 0.4,
  /** Lambda requests, per million (aws.amazon.com/lambda/pricing; the same in every priced region). */
  lambdaPerMillionRequests: 0.2,
  /** Lambda compute, x86, per GB-second. */
  lambdaGbSecond: 0.0000166667,
  /** Route 53 standard queries, first billion a month, per million; alias queries to AWS resources are free. */
  route53StandardPerMillionQueries: 0.4,
  /** Route 53 alias queries to a CloudFront distribution or a load balancer. */
  route53AliasQuery: 0,
  /** An ACM public certificate (used by CloudFront and Elastic Load Balancing). */
  acmPublicCertificateMonth: 0,
  /** SSM Parameter Store standard parameters are free. */
  ssmStandardParameterMonth: 0,
  /**
   * CloudWatch (https://aws.amazon.com/cloudwatch/pricing/, us-east-1): a standard-resolution alarm, per metric it
   * reads (a math alarm over three metrics is three), per month.
   */
  cloudWatchAlarmMetricMonth: 0.1,
  /** A composite alarm, per month. */
  cloudWatchCompositeAlarmMonth: 0.5,
  /** A dashboard, per month; the first three of an account are free (up to 50 metrics each). */
  cloudWatchDashboardMonth: 3,
  cloudWatchFreeDashboards: 3,
  /** A custom metric (the CloudWatch agent's, a log metric filter's), first 10,000, per month. */
  cloudWatchCustomMetricMonth: 0.3,
  /** CloudWatch Logs: standard ingestion per GB, and archive storage per GB-month. */
  cloudWatchLogsIngestionGb: 0.5,
  cloudWatchLogsStorageGbMonth: 0.03,
  /** A customer managed KMS key, per month (https://aws.amazon.com/kms/pricing/); its requests from CloudWatch and SNS are a few cents. */
  kmsKeyMonth: 1,
} as const;
