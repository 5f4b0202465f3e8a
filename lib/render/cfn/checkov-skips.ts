import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import type { ArchitecturePlan, CheckovSkip, CheckovTarget } from '../../plan';
import { checkovSkips } from '../../plan/checkov-acknowledgements';

/** Which CloudFormation resources a target names: a type, and a construct path (below the stack) where the type serves several. */
interface CfnSelector {
  readonly type: string;
  readonly path?: RegExp;
  readonly resource?: (resource: CfnResource) => boolean;
}

const isReplica = (resource: CfnResource): boolean => resource instanceof CfnDBInstance && resource.sourceDbInstanceIdentifier !== undefined;

/** Each acknowledgement target as the CloudFormation renderer builds it (construct ids are contract). */
const CFN_TARGETS: Readonly<Record<CheckovTarget, readonly CfnSelector[]>> = {
  'server instance': [{ type: 'AWS::EC2::Instance' }],
  'server web ingress': [{ type: 'AWS::EC2::SecurityGroup', path: /^Server\/SecurityGroup\// }],
  'http listener': [{ type: 'AWS::ElasticLoadBalancingV2::Listener', path: /\/Http\/Resource$/ }],
  'load balancer': [{ type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' }],
  'load balancer cloudfront ingress': [],
  'target group': [{ type: 'AWS::ElasticLoadBalancingV2::TargetGroup' }],
  distribution: [{ type: 'AWS::CloudFront::Distribution' }],
  'access-log bucket': [{ type: 'AWS::S3::Bucket', path: /^AccessLogs\// }],
  'access-log ownership': [],
  'access-log lifecycle': [],
  'static-assets bucket': [{ type: 'AWS::S3::Bucket', path: /StaticAssets/ }],
  bucket: [{ type: 'AWS::S3::Bucket', path: /^(?!AccessLogs\/|.*StaticAssets)/ }],
  'database primary': [{ type: 'AWS::RDS::DBInstance', resource: (resource) => !isReplica(resource) }],
  'read replica': [{ type: 'AWS::RDS::DBInstance', resource: isReplica }],
  'cross-region replica': [{ type: 'AWS::RDS::DBInstance', path: /^RegionalReplicas\//, resource: isReplica }],
  secret: [{ type: 'AWS::SecretsManager::Secret', path: /^(?!OriginSecret)/ }],
  'origin secret': [{ type: 'AWS::SecretsManager::Secret', path: /^OriginSecret/ }],
  'log group': [{ type: 'AWS::Logs::LogGroup', path: /^Monitoring\// }],
  'flow log group': [{ type: 'AWS::Logs::LogGroup', path: /\/FlowLogs\// }],
  queue: [{ type: 'AWS::SQS::Queue' }],
  topic: [{ type: 'AWS::SNS::Topic' }],
  cache: [{ type: 'AWS::ElastiCache::ReplicationGroup' }],
  'data volume': [{ type: 'AWS::EC2::Volume' }],
  fleet: [{ type: 'AWS::AutoScaling::AutoScalingGroup' }],
  'setting parameter': [{ type: 'AWS::SSM::Parameter' }],
  vpc: [{ type: 'AWS::EC2::VPC' }],
  'zone lookup': [],
  'attached security group': [{ type: 'AWS::EC2::SecurityGroup', path: /(Rotator\/SecurityGroup|ProxySecurityGroup)\// }],
  'aws-cdk-lib function': [{ type: 'AWS::Lambda::Function' }],
  'server permissions': [{ type: 'AWS::IAM::Policy', path: /^Server\/Role\// }],
};

/**
 * Writes the plan's checkov acknowledgements where checkov reads them in a template: each resource a target
 * names gets `Metadata.checkov.skip: [{ id, comment }]`, in the stack and its nested stacks. It runs when the
 * tree is validated, just before the templates are written, so that it also reaches what aws-cdk-lib adds
 * while preparing them (the cross-region reference providers, which aspects never see); `synth`, `cdk synth`
 * and `addBlueprint` all carry the skips.
 */
export function addCheckovSkips(stack: Stack, plan: ArchitecturePlan): void {
  const skips = checkovSkips(plan, 'cloudformation');
  let written = false;
  stack.node.addValidation({
    validate: () => {
      if (!written) stack.node.findAll().filter(CfnResource.isCfnResource).forEach((resource) => writeSkips(resource, skips));
      written = true;
      return [];
    },
  });
}

function writeSkips(resource: CfnResource, skips: readonly CheckovSkip[]): void {
  const path = resource.node.path.slice(Stack.of(resource).node.path.length + 1);
  const matching = skips.filter((skip) => CFN_TARGETS[skip.target].some((selector) => selector.type === resource.cfnResourceType
    && (selector.path === undefined || selector.path.test(path)) && (selector.resource === undefined || selector.resource(resource))));
  const entries = [...new Map(matching.map((skip) => [skip.check, { id: skip.check, comment: skip.comment }])).values()];
  if (entries.length > 0) resource.addMetadata('checkov', { skip: entries });
}
