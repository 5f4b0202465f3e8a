import type { AwsRegion } from '../../spec';

// The wiring graph: who reaches whom on which port, who may do what to which planned resource, and
// which settings each instance is told. Both renderers translate it; neither decides an edge, a grant
// or a setting of its own (DESIGN.md §5.8).

/** The kinds of planned resource a setting, a permission or a network edge names. */
export type WiringResourceKind =
  | 'server' | 'fleet' | 'worker' | 'load-balancer' | 'cdn'
  | 'database' | 'proxy' | 'regional-replica' | 'cache'
  | 'database-secret' | 'cache-auth' | 'queue' | 'topic' | 'settings' | 'data-volume'
  | 'origin-secret' | 'hosted-zone' | 'route53'
  | 'log-group' | 'cloudwatch' | 'ec2'
  | 'internet' | 'cloudfront' | 'health-checkers';

/**
 * A planned resource in one region. `key` is its Terraform name in the plan (`database`, `service_orders_cache`,
 * `queue_emails`), unique across the plan; for `settings` it is the SSM prefix, for sources the source's name, for a
 * `log-group` the group's name; `route53`, `cloudwatch` and `ec2` stand for all of that service (actions that name no resource).
 */
export interface WiringRef {
  readonly kind: WiringResourceKind;
  readonly key: string;
  readonly region: AwsRegion;
}

/** An attribute of a planned resource that a setting carries. */
export type WiringAttribute = 'address' | 'reader-addresses' | 'reader-address' | 'secret-arn' | 'url' | 'arn' | 'user' | 'id';

/** Where a setting's value comes from. */
export type SettingValue =
  | { readonly kind: 'literal'; readonly value: string }
  | {
      readonly kind: 'reference';
      readonly resource: WiringRef;
      readonly attribute: WiringAttribute;
      /** `host` as it is; `host:port` appends the port (shard endpoints). */
      readonly port: number | null;
      /**
       * When the resource lives in another region than the setting: the name of the setting in the resource's
       * region that holds the same value, for an engine that cannot reference across regions (CloudFormation).
       */
      readonly copyOf: string | null;
    };

/** Who publishes a setting: the config of a settings prefix, or the resource it describes. */
export type SettingPublisher =
  | { readonly kind: 'config'; readonly prefix: string }
  | { readonly kind: 'queue'; readonly queue: string }
  | { readonly kind: 'topic'; readonly event: string }
  | { readonly kind: 'shard-map' };

/** The engines; a setting or permission that only one of them has is a documented difference. */
export type Engine = 'cloudformation' | 'terraform';

/** One SSM parameter. */
export interface SettingPlan {
  /** The full parameter name, e.g. /tierup/shop/production/database/endpoint. */
  readonly name: string;
  readonly region: AwsRegion;
  readonly value: SettingValue;
  readonly description: string;
  readonly publisher: SettingPublisher;
  /** Null for both engines; else the only engine that publishes it (cache authentication, docs/terraform.md). */
  readonly only: Engine | null;
}

/** What a permission lets a tier do; each names its IAM actions in {@link ACCESS_ACTIONS}. */
export type AccessKind = 'read-settings' | 'read-secret' | 'connect-cache' | 'send' | 'consume' | 'publish'
  | 'answer-dns-challenge' | 'watch-dns-change'
  | 'write-logs' | 'put-metrics' | 'read-instance-tags';

/** An IAM condition on a permission: `operator` over `key` with `values`. */
export interface PermissionCondition {
  readonly operator: 'ForAllValues:StringEquals' | 'StringEquals';
  readonly key: string;
  readonly values: readonly string[];
}

/** One permission of a tier's role. */
export interface PermissionPlan {
  readonly access: AccessKind;
  readonly resource: WiringRef;
  readonly actions: readonly string[];
  /**
   * When the resource lives in another region than the tier: the setting, in the resource's region, holding its
   * ARN, for an engine that cannot reference across regions (CloudFormation).
   */
  readonly copyOf: string | null;
  /** Null for both engines; else the only engine that grants it (cache authentication, docs/terraform.md). */
  readonly only: Engine | null;
  /** What narrows it further (the DNS challenge: one TXT record name); empty for most. */
  readonly conditions: readonly PermissionCondition[];
}

/** A TCP connection one node may open to another: the target's ingress and the source's egress. */
export interface NetworkEdge {
  readonly from: WiringRef;
  readonly to: WiringRef;
  readonly port: number;
  readonly protocol: 'tcp';
}

/**
 * A database user and password a tier is told beside its settings: the `username` and `password` fields of the
 * secret a told setting names, read at boot and on every refresh (so a rotation reaches the app), never stored in SSM.
 */
export interface CredentialPlan {
  /** The told setting holding the secret's ARN (full name). */
  readonly secretArnSetting: string;
  /** The secret it names, which the tier must be granted to read. */
  readonly secret: WiringRef;
  /** Full names, under the tier's prefix, the secret's `username` and `password` are told as (`…/database/username`). */
  readonly username: string;
  readonly password: string;
}

/** A compute tier: instances running the app's code with a role, a security group and settings. */
export interface WiringTier {
  readonly ref: WiringRef;
  /** "app" or the service's name. */
  readonly owner: string;
  /** The SSM prefix its instances copy at boot (recursively); its settings are those under it in its region. */
  readonly settingsPrefix: string;
  /** The settings it is told, by name; what a boot script reads. */
  readonly settings: readonly SettingPlan[];
  /** The database credentials it is told (its own database's, under `database/`), read from their secret. */
  readonly credentials: readonly CredentialPlan[];
  readonly permissions: readonly PermissionPlan[];
  /**
   * Compute tiers open connections to AWS APIs, package mirrors and the app's dependencies through NAT:
   * every outbound connection is allowed. Data stores and the load balancer have egress only along edges.
   */
  readonly egress: 'all';
}

/**
 * A database's master secret as Secrets Manager replicates it into a further region (level 7): the primary
 * rotates, the replica follows. It keeps the primary's name and random suffix, so its ARN is the primary's
 * with the region swapped (https://docs.aws.amazon.com/secretsmanager/latest/userguide/replicate-secrets.html).
 */
export interface SecretReplicaPlan {
  /** The replica, a `database-secret` in the further region: what that region's tiers are told and granted. */
  readonly replica: WiringRef;
  /** The primary secret, in the primary region. */
  readonly primary: WiringRef;
  /**
   * The setting, in the primary's region, holding the primary's ARN, for an engine that cannot reference
   * across regions (CloudFormation).
   */
  readonly copyOf: string;
}

/**
 * An event's topic delivering to a subscriber's inbox queue, both in one region: the subscription, and the queue's
 * policy letting that topic send. Every region's inboxes hear their own region's topic.
 */
export interface DeliveryPlan {
  readonly topic: WiringRef;
  readonly queue: WiringRef;
  /** The subscribing service, which names the subscription. */
  readonly subscriber: string;
}

/** The whole graph of one plan. */
export interface WiringPlan {
  readonly tiers: readonly WiringTier[];
  readonly edges: readonly NetworkEdge[];
  /** Every SSM parameter of every region. */
  readonly settings: readonly SettingPlan[];
  /** Every replica of a master secret in a further region, whose ARN the settings and grants there name. */
  readonly secretReplicas: readonly SecretReplicaPlan[];
  /** Every topic-to-inbox delivery of every region. */
  readonly deliveries: readonly DeliveryPlan[];
}
