import type { AccessKind } from './wiring-graph';

/**
 * The IAM actions of each kind of access, the only place they are written. Settings: the whole path at once
 * (GetParametersByPath) and single names. Secrets: what `Secret.grantRead` grants. Queues: what SQS clients
 * call to send, and to receive, delete and extend a message's visibility. Caches: IAM authentication.
 */
export const ACCESS_ACTIONS = {
  'read-settings': ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
  'read-secret': ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
  'connect-cache': ['elasticache:Connect'],
  send: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
  consume: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
  publish: ['sns:Publish'],
} as const satisfies Record<AccessKind, readonly string[]>;

/** What an event's topic may do to each subscriber's inbox queue (its queue policy, with the topic as source). */
export const DELIVERY_ACTIONS = ['sqs:SendMessage'] as const;

/** The tag naming a tier's role and security group (and the load balancer's groups) by their key in the graph. */
export const WIRING_TAG = 'tierup:wiring';

/** Ports the tiers that face viewers listen on. */
export const PUBLIC_PORTS = {
  /** The single server answers HTTP and HTTPS from anywhere. */
  server: [80, 443],
  /** The load balancer's HTTP listener (TLS ends at CloudFront; tierup owns no certificate). */
  loadBalancer: 80,
  /** AWS service APIs (Secrets Manager for the password rotation function) over HTTPS. */
  awsApi: 443,
} as const;
