/**
 * Usage volumes `tierup cost` assumes when no flag gives them. Each is an order of magnitude for a
 * small production app, stated so the estimate can be reproduced; pass the flag to use your own.
 */
export interface UsageAssumptions {
  /** HTTP requests reaching the app per month (`--requests-per-month`). */
  readonly requestsPerMonth: number;
  /** Data served to users per month, through CloudFront when there is one (`--transfer-gb`). */
  readonly transferGb: number;
  /** Data each region's NAT gateways process per month: updates, outbound API calls (`--nat-gb`). */
  readonly natGbPerRegion: number;
  /** Static assets stored in S3 (`--static-gb`). */
  readonly staticGb: number;
  /** Messages each queue carries per month (`--messages-per-month`). */
  readonly messagesPerQueuePerMonth: number;
  /** Publishes of each event per month (`--events-per-month`). */
  readonly publishesPerEventPerMonth: number;
}

/** The defaults, documented in docs/planning.md. */
export const DEFAULT_USAGE: UsageAssumptions = {
  requestsPerMonth: 10_000_000,
  transferGb: 100,
  natGbPerRegion: 20,
  staticGb: 5,
  messagesPerQueuePerMonth: 1_000_000,
  publishesPerEventPerMonth: 1_000_000,
};

/** Sizes and counts the plan leaves to AWS defaults, which the cost model has to assume. */
export const BILLING_ASSUMPTIONS = {
  /** Root volume of fleet and worker instances: the Amazon Linux 2023 AMI's 8 GB gp3 default. */
  fleetRootVolumeGb: 8,
  /** SQS requests per message: one send, one receive, one delete. */
  sqsRequestsPerMessage: 3,
  /** An internet-facing ALB holds one public IPv4 address in each zone it spans. */
  albAddressesPerZone: 1,
  /** ALB LCU dimensions: 25 new connections/s or 1 GB/hour processed for EC2 targets (each request counted as a new connection). */
  albNewConnectionsPerLcu: 25,
  albGbPerLcuHour: 1,
  /** Workers on a queue with traffic: at least this many run on average (the expected case). */
  expectedBusyWorkers: 1,
  /** What the Secrets Manager endpoint of a region processes a month: secret reads of a few KB each, rounded up to 1 GB. */
  secretsEndpointGbPerRegion: 1,
  /**
   * A rotation calls the function four times (createSecret, setSecret, testSecret, finishSecret):
   * https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html
   */
  rotationInvocationsPerRotation: 4,
  /** Each invocation billed as if it ran for 30 s at 128 MB (Lambda's default memory): an upper bound, rotation steps take a second or two. */
  rotationInvocationSeconds: 30,
  rotationMemoryGb: 0.125,
  /** Queries of a plain record viewers resolve (60 s TTL): resolvers and browsers reuse an answer, so about one query per ten requests. */
  viewerDnsQueriesPerRequest: 0.1,
  /**
   * CloudFront resolves a plain origin record about once per TTL at each place that fetches from the origin:
   * its 13 regional edge caches (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/HowCloudFrontWorks.html).
   */
  cloudFrontOriginResolvers: 13,
  /**
   * Logs an instance ships a month (the app's journal, the web server's access and error logs, a worker's output):
   * ~17 MB a day for a small app at default log levels; CloudWatch Logs bills ingestion per GB and keeps each group
   * its retention, so a group holds about (retention ÷ 30) months of it.
   */
  logGbPerInstanceMonth: 0.5,
} as const;
