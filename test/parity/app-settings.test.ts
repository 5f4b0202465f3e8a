import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPlan } from '../../lib/plan';
import { renderCfnTemplates } from '../../lib/render/cfn';
import { renderTfConfigs } from '../../lib/render/tf';
import { loadBlueprint } from '../../lib/spec';

// The SSM parameters are the app's contract: both targets must publish the same names in the same
// regions. The one documented difference is how the app authenticates to the cache: CloudFormation
// publishes an AUTH token secret, Terraform (which would keep a token in its state) IAM auth.
const CACHE_AUTH_CFN = /\/cache\/auth-secret-arn$/;
const CACHE_AUTH_TF = /\/cache\/(auth|user)$/;

interface CfnResource { readonly Type: string; readonly Properties?: { readonly Name?: unknown } }
interface TfParameter { readonly name: string; readonly provider?: string }

const examples = readdirSync(join(__dirname, '../../blueprints')).toSorted();

describe.each(examples)('%s', (file) => {
  const plan = createPlan(loadBlueprint(join(__dirname, '../../blueprints', file)).spec);
  const regionOfStack = new Map(plan.regions.map((r) => [r.stackName, r.region]));
  const regionOfAlias = new Map(plan.regions.map((r) => [`aws.${r.providerAlias}`, r.region]));

  it('publishes the same SSM parameter names in the same regions in both targets', () => {
    const cfn = Object.entries(renderCfnTemplates(plan)).flatMap(([stack, template]) =>
      Object.values(template.Resources as Record<string, CfnResource>)
        .filter((resource) => resource.Type === 'AWS::SSM::Parameter')
        .map((resource) => `${regionOfStack.get(stack.split('/')[0])} ${String(resource.Properties?.Name)}`));
    const tf = Object.values(renderTfConfigs(plan)).flatMap((config) =>
      Object.values((config.resource as unknown as Record<string, Record<string, TfParameter>>).aws_ssm_parameter ?? {})
        .map((parameter) => `${parameter.provider ? regionOfAlias.get(parameter.provider) : plan.regions[0].region} ${parameter.name}`));
    // Level 1 publishes only the data volume's id (its server mounts the volume by it); the database runs on the server.
    expect(cfn.length > 1).toBe(plan.level >= 2);
    expect(new Set(cfn).size).toBe(cfn.length);
    expect(cfn.filter((name) => !CACHE_AUTH_CFN.test(name)).toSorted())
      .toEqual(tf.filter((name) => !CACHE_AUTH_TF.test(name)).toSorted());
    // Each cache documents how to authenticate in both targets.
    expect(cfn.filter((name) => CACHE_AUTH_CFN.test(name)).length * 2).toBe(tf.filter((name) => CACHE_AUTH_TF.test(name)).length);
  });
});
