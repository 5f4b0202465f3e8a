import { Match, type Template } from 'aws-cdk-lib/assertions';
import { examplePlan, templateOf } from './examples';

const PREFIX = '/tierup/shop/production';

function parameterNames(template: Template): string[] {
  return Object.values(template.findResources('AWS::SSM::Parameter'))
    .map((parameter) => (parameter as { Properties: { Name: string } }).Properties.Name)
    .toSorted();
}

describe('AppConfig', () => {
  let level1: Template;
  let level4: Template;
  beforeAll(() => {
    level1 = templateOf(examplePlan(1)).template;
    level4 = templateOf(examplePlan(4)).template;
  });

  it('publishes the documented parameters at level 4', () => {
    expect(parameterNames(level4)).toEqual([
      'auth-secret-arn', 'endpoint', 'engine', 'port', 'reader-endpoint', 'strategy', 'ttl-seconds',
    ].map((name) => `${PREFIX}/cache/${name}`).concat([
      'endpoint', 'engine', 'name', 'port', 'proxy-endpoint', 'reader-endpoints', 'role', 'secret-arn',
    ].map((name) => `${PREFIX}/database/${name}`)).toSorted());
  });

  it('publishes only the data volume\'s id at level 1 (the server mounts the volume by it; the database runs on the server)', () => {
    level1.resourceCountIs('AWS::SSM::Parameter', 1);
    level1.hasResourceProperties('AWS::SSM::Parameter', { Name: '/tierup/shop/production/server/data-volume-id', Value: { Ref: Match.stringLikeRegexp('^ServerDataVolume') } });
  });

  it('lets the app read its own path and the secrets, nothing wider', () => {
    level4.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^FleetRole') }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
          Resource: [
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:us-east-1:', { Ref: 'AWS::AccountId' }, `:parameter${PREFIX}`]] },
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:us-east-1:', { Ref: 'AWS::AccountId' }, `:parameter${PREFIX}/*`]] },
          ],
        }), Match.objectLike({
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: { Ref: Match.stringLikeRegexp('^DatabaseMasterSecretAttachment') },
        })]),
      },
    });
  });
});
