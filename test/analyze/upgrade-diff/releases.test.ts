import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffBlueprints, diffTfConfigs, formatUpgradeDiff, losesData, type UpgradeDiff } from '../../../lib/analyze/upgrade-diff';
import { renderBoth } from './render-both';

// A release is not a replacement (issue 22): what each engine really does when a field the instances boot from changes,
// said in the blueprint's terms.

const example = (file: string) => readFileSync(join(__dirname, '../../../blueprints', file), 'utf8');
const level1 = (app: string) => example('shop-1-single-server.yaml').replace('  rpsPerInstance: 200\n', `  rpsPerInstance: 200\n${app}`);
const diffOf = (before: string, after: string): UpgradeDiff => diffBlueprints(renderBoth(before), renderBoth(after));
const touched = (diff: UpgradeDiff) => diff.changes.map((change) => [change.target, change.id, change.action, change.interruption ?? null]);
/** Alarms and dashboards describe the server (its type, its volume's size): they change too, as updates of their text. */
const isWatching = (type: string) => /^(AWS::CloudWatch::|aws_cloudwatch_)/.test(type);
/** The changes beside the watching's, which must be plain updates. */
function touchedBesideWatching(diff: UpgradeDiff) {
  const watching = diff.changes.filter((change) => isWatching(change.type));
  expect(watching.map((change) => [change.action, change.interruption ?? null])).toEqual(watching.map(() => ['update', null]));
  return touched({ ...diff, changes: diff.changes.filter((change) => !isWatching(change.type)) });
}

describe('level 1: an image-only release', () => {
  let diff: UpgradeDiff;
  beforeAll(() => {
    diff = diffOf(level1('  image: public.ecr.aws/shop/api:1.4.2\n'), level1('  image: public.ecr.aws/shop/api:1.4.3\n'));
  });

  it('stops and starts the server in both engines: an update, not a replacement', () => {
    expect(touched(diff)).toEqual([
      ['cfn', 'ServerInstanceE518391B', 'update', 'stop-start'],
      ['tf', 'aws_instance.server', 'update', 'stop-start'],
    ]);
    expect(diff.safe).toBe(true);
  });

  it('shows the image change, not the boot script\'s base64', () => {
    const [cfn, tf] = diff.changes;
    expect(cfn.causes).toEqual([
      'UserData: app.image: public.ecr.aws/shop/api:1.4.2 → public.ecr.aws/shop/api:1.4.3',
      'stops and starts the instance, not a replacement (EBS-backed: "Some interruptions"), keeping its id, volumes and Elastic IP',
    ]);
    expect(tf.causes).toEqual([
      'user_data_base64: app.image: public.ecr.aws/shop/api:1.4.2 → public.ecr.aws/shop/api:1.4.3',
      'stops and starts the instance, not a replacement (user_data_replace_on_change is off), keeping its id, volumes and Elastic IP',
    ]);
    const text = formatUpgradeDiff(diff, 'release');
    expect(text).not.toMatch(/Fn::Base64|may replace|! replace/);
    expect(text).toContain('  server: app.image: public.ecr.aws/shop/api:1.4.2 → public.ecr.aws/shop/api:1.4.3\n');
  });

  it('says per engine what happens, in the blueprint\'s terms', () => {
    expect(diff.blueprintChanges).toEqual([{
      field: 'app.image', tier: 'server', from: 'public.ecr.aws/shop/api:1.4.2', to: 'public.ecr.aws/shop/api:1.4.3', refused: false,
      cloudformation: expect.stringMatching(/^stop and start, not a replacement: CloudFormation stops the server, changes its UserData and starts it \(an EBS-backed instance, as tierup's are: "Some interruptions"/),
      terraform: expect.stringMatching(/^stop and start, not a replacement: Terraform stops the server, changes its user_data_base64 and starts it \(user_data_replace_on_change is off, as tierup leaves it/),
    }]);
  });
});

describe('level 1: other fields the server boots from', () => {
  it.each([
    ['bootScript', '  bootScript: echo one\n', '  bootScript: echo two\n', 'app.bootScript: "echo one" → "echo two"'],
    ['bootScript added', '', '  bootScript: echo one\n', 'app.bootScript: (unset) → "echo one"'],
    ['instance type', '', '  instanceType: t3.medium\n', 'app.instanceType: t3.small → t3.medium'],
  ])('%s: a stop and start in both engines', (_name, before, after, summary) => {
    const from = level1(before);
    const to = after.startsWith('  instanceType') ? from.replace('instanceType: t3.small', 'instanceType: t3.medium') : level1(after);
    const diff = diffOf(from, to);
    expect(touchedBesideWatching(diff)).toEqual([
      ['cfn', 'ServerInstanceE518391B', 'update', 'stop-start'],
      ['tf', 'aws_instance.server', 'update', 'stop-start'],
    ]);
    expect(formatUpgradeDiff(diff, 'release')).toContain(`  server: ${summary}\n`);
    expect(diff.blueprintChanges.map((change) => change.cloudformation)).toEqual([expect.stringMatching(/^stop and start/)]);
  });

  it('a new AMI replaces the server, which holds the data volume, in both engines: exit 3, with how to free the volume', () => {
    const diff = diffOf(level1(''), level1('  ami: ami-0123456789abcdef0\n'));
    expect(touched(diff)).toEqual(expect.arrayContaining([['cfn', 'ServerInstanceE518391B', 'replace', null], ['tf', 'aws_instance.server', 'replace', null]]));
    expect(diff.blueprintChanges).toEqual([expect.objectContaining({
      field: 'app.ami', from: null, to: 'ami-0123456789abcdef0',
      cloudformation: expect.stringMatching(/^replacement: .*cannot attach the data volume while the old one holds it.*free the volume first/),
      terraform: expect.stringMatching(/^replacement: ami forces a new instance.*stops the old one before it detaches the volume \(stop_instance_before_detaching\)/),
    })]);
    expect(diff.changes.filter(losesData).map((change) => [change.target, change.id, change.holds])).toEqual([
      ['cfn', 'ServerInstanceE518391B', 'data-volume'], ['tf', 'aws_instance.server', 'data-volume'],
    ]);
    expect(diff.safe).toBe(false);
    expect(diff.migrations.map((migration) => migration.title)).toEqual(['Replace the level-1 server, which holds the data volume (app.ami: (unset) → ami-0123456789abcdef0)']);
  });
});

describe('level 1: the data volume size', () => {
  const sized = (gb: number) => level1(`  dataVolumeGb: ${gb}\n`);

  it('grows in place in both engines, with a stop and start that grows the filesystem', () => {
    const diff = diffOf(sized(100), sized(200));
    // The data-disk alarm names the size, and every capacity alarm's advise command its --data-gb.
    expect(diff.changes.filter((change) => isWatching(change.type)).map((change) => change.id)).toEqual(expect.arrayContaining([
      'MonitoringServerDataDiskAlarm8AD176F9', 'aws_cloudwatch_metric_alarm.server_data_disk_alarm',
    ]));
    expect(touchedBesideWatching(diff)).toEqual([
      ['cfn', 'ServerDataVolume3EEC0930', 'update', null],
      ['cfn', 'ServerInstanceE518391B', 'update', 'stop-start'],
      ['tf', 'aws_ebs_volume.data_volume', 'update', null],
      ['tf', 'aws_instance.server', 'update', 'stop-start'],
    ]);
    expect(diff.safe).toBe(true);
    expect(diff.blueprintChanges).toEqual([expect.objectContaining({
      field: 'app.dataVolumeGb', from: '100', to: '200', refused: false,
      cloudformation: expect.stringMatching(/^grows in place, then stop and start: .*xfs_growfs/),
      terraform: expect.stringMatching(/^grows in place, then stop and start: .*waits .* for the larger device/),
    })]);
  });

  it('refuses to shrink: not safe, with the reason and the fix', () => {
    const diff = diffOf(sized(100), sized(50));
    expect(diff.safe).toBe(false);
    expect(diff.changes.filter(losesData)).toEqual([]);
    expect(diff.blueprintChanges).toEqual([expect.objectContaining({ field: 'app.dataVolumeGb', from: '100', to: '50', refused: true })]);
    const text = formatUpgradeDiff(diff, 'shrink');
    expect(text).toMatch(/^UNSAFE: 1 change\(s\) that AWS refuses, so the deploy would fail \(--allow-replace does not change that\):$/m);
    expect(text).toContain('CloudFormation: refused: Size 100 → 50 GiB, and EBS only grows a volume');
    expect(text).toContain('fix: keep app.dataVolumeGb at 100 or more');
    expect(formatUpgradeDiff(diff, 'shrink', { allowReplace: true })).toMatch(/^UNSAFE: 1 change\(s\) that AWS refuses/m);
  });
});

describe('level 4 and up: releases roll through the groups', () => {
  it('a fleet\'s new image is a new launch template version the group rolls to, in both engines', () => {
    const fleet = (tag: string) => example('shop-4-fleet.yaml').replace('app:\n', `app:\n  image: public.ecr.aws/shop/api:${tag}\n`);
    const diff = diffOf(fleet('1.4.2'), fleet('1.4.3'));
    expect(touched(diff)).toEqual([
      ['cfn', 'FleetLaunchTemplate3FC2FEAE', 'update', null],
      ['tf', 'aws_launch_template.fleet_launch_template', 'update', null],
    ]);
    expect(diff.changes[0].causes).toEqual(['LaunchTemplateData: a new version (app.image: public.ecr.aws/shop/api:1.4.2 → public.ecr.aws/shop/api:1.4.3)']);
    expect(diff.changes[1].causes).toEqual(['user_data: app.image: public.ecr.aws/shop/api:1.4.2 → public.ecr.aws/shop/api:1.4.3']);
    expect(diff.blueprintChanges).toEqual([expect.objectContaining({
      field: 'app.image', tier: 'fleet app',
      cloudformation: expect.stringMatching(/^rolling replacement: .*rolling update .* one at a time/),
      terraform: expect.stringMatching(/^rolling replacement: .*instance refresh/),
    })]);
  });

  it('names a service\'s and a worker\'s fields by their names', () => {
    const base = example('shop-6-microservices.yaml');
    const after = base.replace(/( {2}- name: orders\n)/, '$1    image: public.ecr.aws/shop/orders:2\n')
      .replace('worker: { instanceType: t3.small,', 'worker: { image: public.ecr.aws/shop/mailer:2, instanceType: t3.small,');
    expect(after).toContain('orders:2');
    expect(after).toContain('mailer:2');
    const before = after.replace('orders:2', 'orders:1').replace('mailer:2', 'mailer:1');
    const diff = diffOf(before, after);
    expect(diff.blueprintChanges.map((change) => [change.field, change.tier, change.from, change.to])).toEqual([
      ['queues[emails].worker.image', 'workers emails', 'public.ecr.aws/shop/mailer:1', 'public.ecr.aws/shop/mailer:2'],
      ['services[orders].image', 'fleet orders', 'public.ecr.aws/shop/orders:1', 'public.ecr.aws/shop/orders:2'],
    ]);
    expect(diff.safe).toBe(true);
    const worker = diff.blueprintChanges.find((change) => change.tier === 'workers emails');
    expect(worker?.cloudformation).toMatch(/^new instances only: /);
    expect(worker?.terraform).toMatch(/^replacement of every worker: /);
  });
});

describe('Terraform\'s user_data_replace_on_change', () => {
  const config = (userData: string, replaceOnChange?: boolean) => ({
    s: { resource: { aws_instance: { server: { ami: 'ami-1', instance_type: 't3.small', user_data_base64: Buffer.from(userData).toString('base64'), ...(replaceOnChange === undefined ? {} : { user_data_replace_on_change: replaceOnChange }) } } } },
  });

  it('off (as tierup renders it): new user data stops and starts the instance', () => {
    expect(diffTfConfigs(config('#!/bin/bash\necho 1\n'), config('#!/bin/bash\necho 2\n'))).toEqual([expect.objectContaining({ action: 'update', interruption: 'stop-start' })]);
  });

  it('on (an override): new user data replaces the instance, and says so', () => {
    expect(diffTfConfigs(config('#!/bin/bash\necho 1\n', true), config('#!/bin/bash\necho 2\n', true)))
      .toEqual([expect.objectContaining({ action: 'replace', causes: ['user_data_base64: the boot script changes'] })]);
    expect(diffTfConfigs(config('#!/bin/bash\necho 1\n', true), config('#!/bin/bash\necho 2\n', true))[0].interruption).toBeUndefined();
  });
});
