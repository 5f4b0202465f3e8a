import { diffTfConfigs } from '../../../lib/analyze/upgrade-diff/diff-tf';
import type { TfConfig } from '../../../lib/analyze/upgrade-diff';

// What Terraform replaces beyond the resources whose own ForceNew arguments change (tf-replacements.ts), checked
// against Terraform 1.11's plans of the same shapes with terraform_data: a resource created as a trigger replaces
// nothing, an updated one replaces what names it; a ForceNew argument reading a replaced resource's computed
// attribute is unknown, so its resource is replaced too, unless `ignore_changes` names the argument.

const instance = (architecture: string, extra: Record<string, unknown> = {}) => ({
  terraform_data: { server_architecture: { input: { architecture } } },
  aws_instance: { server: { ami: 'ami-1', instance_type: architecture === 'arm64' ? 't4g.small' : 't3.small', lifecycle: { replace_triggered_by: ['terraform_data.server_architecture'] } } },
  ...extra,
});
const stack = (resource: Record<string, unknown>): Record<string, TfConfig> => ({ s: { resource: resource as TfConfig['resource'] } });
const actions = (before: Record<string, unknown>, after: Record<string, unknown>) =>
  diffTfConfigs(stack(before), stack(after)).map((change) => [change.id, change.action]);

describe('replace_triggered_by', () => {
  it('replaces the resource when the one it names is updated, and says why', () => {
    const [server] = diffTfConfigs(stack(instance('x86_64')), stack(instance('arm64'))).filter((change) => change.id === 'aws_instance.server');
    expect(server).toMatchObject({
      action: 'replace',
      causes: ['replace_triggered_by: terraform_data.server_architecture changes', 'instance_type: "t3.small" → "t4g.small"'],
    });
    expect(server.interruption).toBeUndefined();
  });

  it('replaces nothing when the one it names is created (a stack deployed before it existed), only when it changes', () => {
    const { terraform_data: _created, ...before } = instance('x86_64');
    const beforeTrigger = { aws_instance: { server: { ...before.aws_instance.server, lifecycle: undefined } } };
    expect(actions(beforeTrigger, instance('x86_64'))).toEqual([['terraform_data.server_architecture', 'add']]);
    expect(actions(instance('x86_64'), instance('arm64'))).toEqual([['aws_instance.server', 'replace'], ['terraform_data.server_architecture', 'update']]);
  });
});

describe('a ForceNew argument that reads a replaced resource', () => {
  const volume = (lifecycle?: object) => ({ aws_ebs_volume: { data: { availability_zone: '${aws_instance.server.availability_zone}', size: 20, ...(lifecycle && { lifecycle }) } } });
  const attachment = { aws_volume_attachment: { data: { device_name: '/dev/sdf', instance_id: '${aws_instance.server.id}', volume_id: '${aws_ebs_volume.data.id}' } } };

  it('is unknown until the new one exists, so its resource is replaced too (and what reads that, in turn)', () => {
    expect(actions(instance('x86_64', { ...volume(), ...attachment }), instance('arm64', { ...volume(), ...attachment }))).toEqual([
      ['aws_ebs_volume.data', 'replace'],
      ['aws_instance.server', 'replace'],
      ['aws_volume_attachment.data', 'replace'],
      ['terraform_data.server_architecture', 'update'],
    ]);
  });

  it('leaves it when ignore_changes names the argument, as tierup\'s data volume does for its zone', () => {
    const kept = volume({ ignore_changes: ['availability_zone'] });
    expect(actions(instance('x86_64', { ...kept, ...attachment }), instance('arm64', { ...kept, ...attachment }))).toEqual([
      ['aws_instance.server', 'replace'],
      ['aws_volume_attachment.data', 'replace'],
      ['terraform_data.server_architecture', 'update'],
    ]);
  });

  it('leaves it when the attribute is one the replaced resource\'s configuration states', () => {
    const byType = { aws_ebs_volume: { data: { availability_zone: 'us-east-1a', size: 20, tags: { Type: '${aws_instance.server.instance_type}' }, snapshot_id: '${aws_instance.server.ami}' } } };
    expect(actions(instance('x86_64', byType), instance('arm64', byType))).toEqual([
      ['aws_instance.server', 'replace'],
      ['terraform_data.server_architecture', 'update'],
    ]);
  });
});

describe('an instance replaced while an attachment names it before and after', () => {
  const attachment = { aws_volume_attachment: { data: { device_name: '/dev/sdf', instance_id: '${aws_instance.server.id}', volume_id: 'vol-1' } } };

  it('holds the data volume: stateful', () => {
    const [server] = diffTfConfigs(stack(instance('x86_64', attachment)), stack(instance('arm64', attachment))).filter((change) => change.id === 'aws_instance.server');
    expect(server).toMatchObject({ action: 'replace', stateful: true, holds: 'data-volume' });
    expect(server.causes.at(-1)).toMatch(/^it holds a data volume \(aws_volume_attachment\.data\)/);
  });

  it('holds nothing when the attachment goes in the same change (the level 1 → 2 climb)', () => {
    const [server] = diffTfConfigs(stack(instance('x86_64', attachment)), stack(instance('arm64'))).filter((change) => change.id === 'aws_instance.server');
    expect(server).toMatchObject({ action: 'replace', stateful: false });
    expect(server.holds).toBeUndefined();
  });
});
