/** The prefix each writer uses in the access-log bucket, the same in both targets. */
export const ACCESS_LOG_PREFIXES = {
  /** No trailing slash: the load balancer appends `/AWSLogs/<account>/...` itself. */
  loadBalancer: 'load-balancer',
  cdn: 'cdn/',
  staticAssets: 'static-assets/',
} as const;
