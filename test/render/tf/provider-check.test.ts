import { checkTfConfig, renderTfConfigs, type TfConfig } from '../../../lib/render/tf';
import { EXAMPLE_FILES, examplePlan } from './examples';

describe('checkTfConfig', () => {
  it.each(EXAMPLE_FILES)('finds nothing wrong in %s', (file) => {
    for (const config of Object.values(renderTfConfigs(examplePlan(file)))) {
      expect(checkTfConfig(config)).toEqual([]);
    }
  });

  const config: TfConfig = {
    resource: {
      aws_db_proxy: {
        proxy: {
          name: 'p', engine_family: 'POSTGRESQL', vpc_subnet_ids: ['${aws_subnet.a.id}'],
          auth: [{ secret_arn: 'arn', bogus_nested: true }],
          bogus: 1,
          provider: 'aws.eu_west_1',
        },
      },
      aws_vpc: { network: { cidr_block: ['10.0.0.0/16'], tags: 'not-a-map' } },
      aws_launch_template: { template: { metadata_options: 'required' } },
      aws_not_a_thing: { x: {} },
    },
    data: { aws_ssm_parameter: { image: {} } },
    ephemeral: { aws_secretsmanager_random_password: { password: { password_length: 32, exclude_punctuation: true, bogus_length: 1 } } },
  };

  it('reports unknown arguments, missing required ones, wrong shapes and unknown types', () => {
    expect(checkTfConfig(config)).toEqual(expect.arrayContaining([
      { address: 'aws_db_proxy.proxy', argument: 'bogus', problem: 'unknown argument' },
      { address: 'aws_db_proxy.proxy', argument: 'auth[0].bogus_nested', problem: 'unknown argument' },
      { address: 'aws_db_proxy.proxy', argument: 'role_arn', problem: 'required argument is missing' },
      { address: 'aws_vpc.network', argument: 'cidr_block', problem: 'a single value is expected, not an object or array' },
      { address: 'aws_vpc.network', argument: 'tags', problem: 'a map must be an object' },
      { address: 'aws_launch_template.template', argument: 'metadata_options', problem: 'a block must be an object or a list of objects' },
      { address: 'aws_not_a_thing.x', argument: '', problem: '@cdktf/provider-aws has no resource type aws_not_a_thing' },
      { address: 'data.aws_ssm_parameter.image', argument: 'name', problem: 'required argument is missing' },
      { address: 'ephemeral.aws_secretsmanager_random_password.password', argument: 'bogus_length', problem: 'unknown argument' },
    ]));
  });

  it('accepts meta-arguments and Terraform expressions in any argument', () => {
    const findings = checkTfConfig(config);
    expect(findings.filter((finding) => finding.argument === 'provider' || finding.argument === 'vpc_subnet_ids')).toEqual([]);
    expect(findings).toHaveLength(9);
  });

  it('refuses an expression where Terraform reads a reference (depends_on, replace_triggered_by)', () => {
    const references: TfConfig = {
      resource: {
        terraform_data: { marker: { input: 'x' } },
        aws_sns_topic: {
          quoted: { depends_on: ['${aws_sns_topic.plain}'], lifecycle: { replace_triggered_by: ['${terraform_data.marker}'] } },
          plain: { depends_on: ['aws_sns_topic.other', 'data.aws_iam_policy_document.x'], lifecycle: { replace_triggered_by: ['terraform_data.marker'] } },
        },
      },
    };
    expect(checkTfConfig(references).map(({ address, argument }) => `${address} ${argument}`)).toEqual([
      'aws_sns_topic.quoted depends_on', 'aws_sns_topic.quoted lifecycle.replace_triggered_by',
    ]);
  });
});
