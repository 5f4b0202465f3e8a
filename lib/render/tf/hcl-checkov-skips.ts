import type { ArchitecturePlan, CheckovTarget } from '../../plan';
import { checkovSkips } from '../../plan/checkov-acknowledgements';
import type { TfConfig } from './synthesize';

/** Which Terraform resources (or data sources) a target names: a type, and a name pattern where the type serves several. */
interface TfSelector {
  readonly section: 'resource' | 'data';
  readonly type: string;
  readonly name?: RegExp;
  readonly body?: (body: Readonly<Record<string, unknown>>) => boolean;
}

const isReplica = (body: Readonly<Record<string, unknown>>): boolean => 'replicate_source_db' in body;

/** Each acknowledgement target as the Terraform renderer names its resources (names are contract: terraform-names.ts). */
const TF_TARGETS: Readonly<Record<CheckovTarget, readonly TfSelector[]>> = {
  'server instance': [{ section: 'resource', type: 'aws_instance' }],
  'server web ingress': [{ section: 'resource', type: 'aws_vpc_security_group_ingress_rule', name: /^server_security_group_/ }],
  'http listener': [{ section: 'resource', type: 'aws_lb_listener', body: (body) => body.protocol === 'HTTP' }],
  'load balancer': [{ section: 'resource', type: 'aws_lb' }],
  'load balancer cloudfront ingress': [{ section: 'resource', type: 'aws_vpc_security_group_ingress_rule', body: (body) => 'prefix_list_id' in body && !('cidr_ipv4' in body) }],
  'target group': [{ section: 'resource', type: 'aws_lb_target_group' }],
  distribution: [{ section: 'resource', type: 'aws_cloudfront_distribution' }],
  'access-log bucket': [{ section: 'resource', type: 'aws_s3_bucket', name: /^access_logs/ }],
  'access-log ownership': [{ section: 'resource', type: 'aws_s3_bucket_ownership_controls', name: /^access_logs/ }],
  'access-log lifecycle': [{ section: 'resource', type: 'aws_s3_bucket_lifecycle_configuration', name: /^access_logs/ }],
  'static-assets bucket': [{ section: 'resource', type: 'aws_s3_bucket', name: /^static_assets/ }],
  bucket: [{ section: 'resource', type: 'aws_s3_bucket', name: /^(?!access_logs|static_assets)/ }],
  'database primary': [{ section: 'resource', type: 'aws_db_instance', body: (body) => !isReplica(body) }],
  'read replica': [{ section: 'resource', type: 'aws_db_instance', body: isReplica }],
  'cross-region replica': [{ section: 'resource', type: 'aws_db_instance', body: (body) => isReplica(body) && 'provider' in body }],
  secret: [{ section: 'resource', type: 'aws_secretsmanager_secret', name: /^(?!origin_secret)/ }],
  'origin secret': [{ section: 'resource', type: 'aws_secretsmanager_secret', name: /^origin_secret/ }],
  'log group': [{ section: 'resource', type: 'aws_cloudwatch_log_group', name: /^(?!.*flow_logs$)/ }],
  'flow log group': [{ section: 'resource', type: 'aws_cloudwatch_log_group', name: /flow_logs$/ }],
  queue: [{ section: 'resource', type: 'aws_sqs_queue' }],
  topic: [{ section: 'resource', type: 'aws_sns_topic' }],
  cache: [{ section: 'resource', type: 'aws_elasticache_replication_group' }],
  'data volume': [{ section: 'resource', type: 'aws_ebs_volume' }],
  fleet: [{ section: 'resource', type: 'aws_autoscaling_group' }],
  'setting parameter': [{ section: 'resource', type: 'aws_ssm_parameter' }],
  vpc: [{ section: 'resource', type: 'aws_vpc' }],
  'zone lookup': [{ section: 'data', type: 'aws_availability_zones' }],
  'attached security group': [{ section: 'resource', type: 'aws_security_group', name: /(_rotator|_proxy_security_group)$/ }],
  'aws-cdk-lib function': [],
  'server permissions': [{ section: 'resource', type: 'aws_iam_role_policy', name: /^server_permissions$/ }],
};

/**
 * checkov's skip comments (`checkov:skip=<check>:[<name>] <reason>`) for the plan's acknowledgements, by the
 * address of each resource their targets name: the HCL writer puts them first inside the resource's block.
 */
export function checkovComments(plan: ArchitecturePlan, config: TfConfig): ReadonlyMap<string, readonly string[]> {
  const comments = new Map<string, string[]>();
  for (const skip of checkovSkips(plan, 'terraform')) {
    for (const selector of TF_TARGETS[skip.target]) {
      const byName = ((config[selector.section] ?? {}) as Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>)[selector.type] ?? {};
      for (const [name, body] of Object.entries(byName)) {
        if ((selector.name !== undefined && !selector.name.test(name)) || (selector.body !== undefined && !selector.body(body))) continue;
        const address = `${selector.section === 'data' ? 'data.' : ''}${selector.type}.${name}`;
        const line = `checkov:skip=${skip.check}:${skip.comment}`;
        const lines = comments.get(address) ?? [];
        if (!lines.includes(line)) comments.set(address, [...lines, line]);
      }
    }
  }
  return comments;
}
