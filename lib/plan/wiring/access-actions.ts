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
  // The single server's certificate: Let's Encrypt's DNS-01 challenge through certbot's Route 53 plugin, which
  // writes one TXT record (the condition names it) and waits for the change.
  // https://certbot-dns-route53.readthedocs.io/en/stable/ ; https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/specifying-rrset-conditions.html
  'answer-dns-challenge': ['route53:ChangeResourceRecordSets'],
  'watch-dns-change': ['route53:ListHostedZones', 'route53:GetChange'],
  // The CloudWatch agent on every instance (agent-permissions.ts): its streams in the planned log groups, which exist,
  // so neither CreateLogGroup nor PutRetentionPolicy; metrics (PutMetricData names no resource, a condition narrows it
  // to the agent's namespace); and, for an Auto Scaling group's instances, the instance tag that names the group.
  'write-logs': ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
  'put-metrics': ['cloudwatch:PutMetricData'],
  'read-instance-tags': ['ec2:DescribeTags'],
} as const satisfies Record<AccessKind, readonly string[]>;

/** What an event's topic may do to each subscriber's inbox queue (its queue policy, with the topic as source). */
export const DELIVERY_ACTIONS = ['sqs:SendMessage'] as const;

/** The tag naming a tier's role and security group (and the load balancer's groups) by their key in the graph. */
export const WIRING_TAG = 'tierup:wiring';

/**
 * Ports that are no tier's choice. Viewers' ports are the plan's (`server.publicPorts`, the ports of `loadBalancer.listeners`):
 * they follow the domain.
 */
export const PUBLIC_PORTS = {
  /** AWS service APIs (Secrets Manager for the password rotation function) over HTTPS. */
  awsApi: 443,
} as const;
