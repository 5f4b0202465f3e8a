import { observationCatalogue } from '../../../lib/analyze/observe/observe-metrics';
import { referencesOf } from '../../../lib/analyze/observe/metric-query';
import { ObserveInputError } from '../../../lib/analyze/observe/observe-input-error';
import { howToGetOutput, parseStackOutputs, resolveReference } from '../../../lib/analyze/observe/stack-outputs';
import { examplePlan } from '../plan-of';

const plan4 = examplePlan(4);
const plan7 = examplePlan(7);
const [loadBalancer, targetGroup] = referencesOf(observationCatalogue(plan4).series);

describe('stack outputs', () => {
  it('reads `cdk deploy --outputs-file`: the region\'s stack, then the output id', () => {
    const outputs = parseStackOutputs(JSON.stringify({
      'shop-production-us-east-1': { WatchLoadBalancerFullName: 'app/shop-prod/50dc6c495c0c9188', WatchAppTargetGroupFullName: 'targetgroup/shop-app/73e2d6bc24d8a067', Url: 'https://x' },
    }), 'outputs.json');
    expect(outputs.format).toBe('cloudformation');
    expect(resolveReference(plan4, [outputs], loadBalancer)).toBe('app/shop-prod/50dc6c495c0c9188');
    expect(resolveReference(plan4, [outputs], targetGroup)).toBe('targetgroup/shop-app/73e2d6bc24d8a067');
  });

  it('finds an output declared inside a construct, whose id carries its path and a hash', () => {
    const outputs = parseStackOutputs(JSON.stringify({ 'shop-production-us-east-1': { MonitoringWatchLoadBalancerFullName0A1B2C3D: 'app/shop-prod/1' } }), 'outputs.json');
    expect(resolveReference(plan4, [outputs], loadBalancer)).toBe('app/shop-prod/1');
  });

  it('reads `terraform output -json`: the output name in snake_case', () => {
    const outputs = parseStackOutputs(JSON.stringify({
      watch_load_balancer_full_name: { sensitive: false, type: 'string', value: 'app/shop-prod/2' },
      watch_app_target_group_full_name: { sensitive: false, type: 'string', value: 'targetgroup/shop-app/3' },
    }), 'tf.json');
    expect(outputs.format).toBe('terraform');
    expect(resolveReference(plan4, [outputs], loadBalancer)).toBe('app/shop-prod/2');
    expect(resolveReference(plan4, [outputs], targetGroup)).toBe('targetgroup/shop-app/3');
  });

  it('reads each Terraform output under the name the plan gives it, whatever the output name spells', () => {
    const renamed = { ...plan4, monitoring: { ...plan4.monitoring, regions: plan4.monitoring.regions.map((region) => ({
      ...region, outputs: region.outputs.map((output) => (output.id === targetGroup.outputName ? { ...output, tfName: 'the_plans_name' } : output)),
    })) } };
    const outputs = parseStackOutputs(JSON.stringify({
      watch_app_target_group_full_name: { type: 'string', value: 'targetgroup/wrong/1' },
      the_plans_name: { type: 'string', value: 'targetgroup/right/2' },
    }), 'tf.json');
    expect(resolveReference(renamed, [outputs], targetGroup)).toBe('targetgroup/right/2');
    expect(howToGetOutput(renamed, targetGroup)).toContain('Terraform: output the_plans_name ');
  });

  it('level 7, Terraform: a further region\'s output carries its region once, never the primary\'s value', () => {
    const references = referencesOf(observationCatalogue(plan7).series);
    const further = references.find((reference) => reference.resource.region === 'eu-west-1' && reference.attribute === 'load-balancer-full-name')!;
    const primary = references.find((reference) => reference.resource.region === 'us-east-1' && reference.attribute === 'load-balancer-full-name')!;
    // The names the plan gives them: the output name in snake case, then a further region's resource's region.
    const both = parseStackOutputs(JSON.stringify({
      watch_load_balancer_full_name: { type: 'string', value: 'app/primary/1' },
      watch_load_balancer_full_name_eu_west_1: { type: 'string', value: 'app/eu/2' },
    }), 'tf.json');
    expect(resolveReference(plan7, [both], primary)).toBe('app/primary/1');
    expect(resolveReference(plan7, [both], further)).toBe('app/eu/2');
    const primaryOnly = parseStackOutputs(JSON.stringify({ watch_load_balancer_full_name: { type: 'string', value: 'app/primary/1' } }), 'tf.json');
    expect(resolveReference(plan7, [primaryOnly], further)).toBeNull();
    // Before the rename, Terraform wrote the region twice: such a file no longer answers (apply once to rename the outputs).
    const doubled = parseStackOutputs(JSON.stringify({ watch_load_balancer_full_name_eu_west1_eu_west_1: { type: 'string', value: 'app/eu/old' } }), 'tf.json');
    expect(resolveReference(plan7, [doubled], further)).toBeNull();
  });

  it('level 7, CloudFormation: each region\'s stack holds its own outputs, the us-east-1 monitoring stack the global services\'', () => {
    const references = referencesOf(observationCatalogue(plan7).series);
    const further = references.find((reference) => reference.resource.region === 'eu-west-1' && reference.attribute === 'target-group-full-name')!;
    const primary = references.find((reference) => reference.resource.region === 'us-east-1' && reference.attribute === 'target-group-full-name')!;
    const cdn = references.find((reference) => reference.attribute === 'distribution-id')!;
    const outputs = parseStackOutputs(JSON.stringify({
      'shop-production-us-east-1': { WatchAppTargetGroupFullName: 'targetgroup/us/1', WatchCdnDistributionId: 'EWRONG' },
      'shop-production-eu-west-1': { WatchAppTargetGroupFullNameEuWest1: 'targetgroup/eu/2' },
      'shop-production-monitoring-us-east-1': { WatchCdnDistributionId: 'E2QWRUHAPOMQZL' },
    }), 'outputs.json');
    expect(resolveReference(plan7, [outputs], primary)).toBe('targetgroup/us/1');
    expect(resolveReference(plan7, [outputs], further)).toBe('targetgroup/eu/2');
    expect(resolveReference(plan7, [outputs], cdn)).toBe('E2QWRUHAPOMQZL');
    expect(howToGetOutput(plan7, cdn)).toBe('CloudFormation: output WatchCdnDistributionId of stack shop-production-monitoring-us-east-1 ' +
      '(`cdk deploy --all --outputs-file outputs.json`); Terraform: output watch_cdn_distribution_id (`terraform output -json > outputs.json`)');
    expect(howToGetOutput(plan7, further)).toBe('CloudFormation: output WatchAppTargetGroupFullNameEuWest1 of stack shop-production-eu-west-1 ' +
      '(`cdk deploy --all --outputs-file outputs.json`); Terraform: output watch_app_target_group_full_name_eu_west_1 (`terraform output -json > outputs.json`)');
  });

  it('never reads another deployment\'s stack (staging\'s outputs beside production\'s)', () => {
    const outputs = parseStackOutputs(JSON.stringify({ 'shop-staging-us-east-1': { WatchAppTargetGroupFullName: 'targetgroup/staging/1' } }), 'outputs.json');
    expect(resolveReference(plan4, [outputs], targetGroup)).toBeNull();
  });

  it('answers null for an output no file has, and says where it comes from', () => {
    const outputs = parseStackOutputs(JSON.stringify({ 'shop-production-us-east-1': { Url: 'https://x' } }), 'outputs.json');
    expect(resolveReference(plan4, [outputs], targetGroup)).toBeNull();
    expect(howToGetOutput(plan4, targetGroup)).toBe('CloudFormation: output WatchAppTargetGroupFullName of stack shop-production-us-east-1 ' +
      '(`cdk deploy --all --outputs-file outputs.json`); Terraform: output watch_app_target_group_full_name (`terraform output -json > outputs.json`)');
  });

  it.each([
    ['not json', 'outputs.json: not JSON'],
    ['[]', 'outputs.json: expected an object of stack outputs (`cdk deploy --outputs-file`) or of Terraform outputs (`terraform output -json`), found an array'],
    ['{}', 'outputs.json: expected an object of stack outputs (`cdk deploy --outputs-file`) or of Terraform outputs (`terraform output -json`), found an empty object'],
    ['{"shop-production-us-east-1": ["x"]}', 'outputs.json: "shop-production-us-east-1" should map output ids to values'],
  ])('refuses %s with the file and what it expected', (text, message) => {
    expect(() => parseStackOutputs(text, 'outputs.json')).toThrow(ObserveInputError);
    expect(() => parseStackOutputs(text, 'outputs.json')).toThrow(message);
  });
});
