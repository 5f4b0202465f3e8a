import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffBlueprints, formatUpgradeDiff, losesData, type UpgradeDiff } from '../../../lib/analyze/upgrade-diff';
import { renderBoth } from './render-both';

// A new CPU architecture replaces the level 1-3 server (EC2 changes a type only within its image's architecture): both
// engines say so, and at level 1, where the server holds the data volume, `diff` exits 3 with the way to free it.

const example = (file: string) => readFileSync(join(__dirname, '../../../blueprints', file), 'utf8');
const arm = (yaml: string) => yaml.replace('instanceType: t3.small', 'instanceType: t4g.small');
const diffOf = (before: string, after: string): UpgradeDiff => diffBlueprints(renderBoth(before), renderBoth(after));
const level1 = example('shop-1-single-server.yaml');
const withApp = (yaml: string, lines: string) => yaml.replace('  rpsPerInstance: 200\n', `  rpsPerInstance: 200\n${lines}`);
/** The report between the resource listing and the verdict: what each engine does, in the blueprint's terms. */
const summaryOf = (text: string) => text.slice(text.indexOf('In the blueprint\'s terms:'), text.search(/^(SAFE|UNSAFE|ALLOWED)/m));
const actionOf = (diff: UpgradeDiff, target: 'cfn' | 'tf', id: string | RegExp) =>
  diff.changes.find((change) => change.target === target && (typeof id === 'string' ? change.id === id : id.test(change.id)))?.action ?? null;

describe('level 1: t3.small → t4g.small (x86_64 → arm64)', () => {
  let diff: UpgradeDiff;
  let text: string;
  beforeAll(() => {
    diff = diffOf(level1, arm(level1));
    text = formatUpgradeDiff(diff, 'arm');
  });

  it('replaces the server in both engines, which holds the data volume: stateful, so not safe', () => {
    const server = diff.changes.filter((change) => change.type === 'AWS::EC2::Instance' || change.type === 'aws_instance');
    expect(server.map((change) => [change.target, change.id, change.action, change.stateful, change.holds, change.interruption ?? null])).toEqual([
      ['cfn', 'ServerInstanceE518391B', 'replace', true, 'data-volume', null],
      ['tf', 'aws_instance.server', 'replace', true, 'data-volume', null],
    ]);
    expect(server[1].causes.slice(0, 2)).toEqual(['replace_triggered_by: terraform_data.server_architecture changes', 'instance_type: "t3.small" → "t4g.small"']);
    expect(server[0].causes[0]).toBe('ImageId: SSM /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64 → SSM /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64');
    expect(diff.safe).toBe(false);
  });

  it('in Terraform, replaces the attachment with the instance and keeps the data volume (its zone is ignored after creation)', () => {
    expect(actionOf(diff, 'tf', 'terraform_data.server_architecture')).toBe('update');
    expect(actionOf(diff, 'tf', 'aws_volume_attachment.data_volume_attachment')).toBe('replace');
    expect(actionOf(diff, 'tf', 'aws_ebs_volume.data_volume')).toBeNull();
    expect(actionOf(diff, 'cfn', /^ServerDataVolume[0-9A-F]{8}$/)).toBeNull();
  });

  it('says replacement in the blueprint\'s terms, how each engine moves the volume, and never stop and start or SAFE', () => {
    expect(diff.blueprintChanges).toEqual([expect.objectContaining({
      field: 'app.instanceType', from: 't3.small', to: 't4g.small', refused: false,
      cloudformation: expect.stringMatching(/^replacement: the architecture changes \(x86_64 → arm64\).*resize-limitations\.html.*cannot attach the data volume while the old one holds it/),
      terraform: expect.stringMatching(/^replacement: .*terraform_data\.server_architecture changes, and the server's replace_triggered_by replaces it.*stop_instance_before_detaching/),
    })]);
    expect(summaryOf(text)).not.toMatch(/stop and start/);
    expect(text).not.toMatch(/^SAFE/m);
    expect(text).toMatch(/^ {2}! replace AWS::EC2::Instance +ServerInstanceE518391B .*<< HOLDS DATA$/m);
    expect(text).toMatch(/^UNSAFE: 2 stateful resource\(s\) would be replaced or destroyed:$/m);
  });

  it('prints the runbook: free the volume (the plan\'s units and mount point), or climb to level 2 first', () => {
    const local = renderBoth(level1).plan.server!.localDatabase!;
    expect(local).toMatchObject({ service: 'postgresql', mountPoint: '/var/lib/pgsql' });
    expect(diff.migrations).toEqual([{
      title: 'Replace the level-1 server, which holds the data volume (app.instanceType: t3.small → t4g.small: x86_64 → arm64)',
      steps: [
        expect.stringMatching(/^Or climb to level 2 first/),
        expect.stringMatching(/^Snapshot the data volume/),
        expect.stringContaining(': sudo systemctl stop tierup-app.service postgresql.service && sudo umount /var/lib/pgsql.'),
        expect.stringMatching(/^CloudFormation creates the new server before it deletes the old one.*aws ec2 stop-instances.*aws ec2 detach-volume --volume-id <DataVolume id>.*--device \/dev\/sdf/),
        expect.stringMatching(/^Terraform: apply; it stops the server before it detaches the volume/),
      ],
    }]);
  });
});

describe('no summary says stop and start, nor SAFE, while an instance that holds a data volume is replaced', () => {
  const mysql = `${level1}database: { engine: mysql }\n`;
  it.each([
    ['the architecture', level1, arm(level1)],
    ['the architecture, on MariaDB', mysql, arm(mysql)],
    ['the architecture and the image', withApp(level1, '  image: public.ecr.aws/shop/api:1\n'), arm(withApp(level1, '  image: public.ecr.aws/shop/api:2\n'))],
    ['the architecture and a larger data volume', level1, arm(withApp(level1, '  dataVolumeGb: 50\n'))],
    ['the AMI', level1, withApp(level1, '  ami: ami-0123456789abcdef0\n')],
    ['the AMI and the boot script', withApp(level1, '  bootScript: echo one\n'), withApp(level1, '  ami: ami-0123456789abcdef0\n  bootScript: echo two\n')],
    ['the architecture under a kept AMI (refused), and the image', withApp(level1, '  ami: ami-0123456789abcdef0\n  image: public.ecr.aws/shop/api:1\n'),
      arm(withApp(level1, '  ami: ami-0123456789abcdef0\n  image: public.ecr.aws/shop/api:2\n'))],
  ])('%s', (_name, before, after) => {
    const diff = diffOf(before, after);
    const holding = diff.changes.filter((change) => change.holds === 'data-volume');
    expect(holding.length).toBeGreaterThan(0);
    expect(holding.every((change) => change.action === 'replace' && losesData(change))).toBe(true);
    const text = formatUpgradeDiff(diff, 'change');
    expect(summaryOf(text)).not.toMatch(/stop and start/);
    expect(text).not.toMatch(/\bSAFE\b/);
    expect(text).not.toMatch(/^SAFE/m);
    expect(diff.safe).toBe(false);
    expect(diff.migrations.map((migration) => migration.title)).toEqual([expect.stringMatching(/^Replace the level-1 server, which holds the data volume/)]);
  });

  it('on MariaDB, the runbook stops its unit and unmounts its home', () => {
    const steps = diffOf(mysql, arm(mysql)).migrations[0].steps;
    expect(steps).toContainEqual(expect.stringContaining(': sudo systemctl stop tierup-app.service mariadb.service && sudo umount /var/lib/mysql.'));
  });

  it('with --allow-replace: allowed, once the volume is free', () => {
    const text = formatUpgradeDiff(diffOf(level1, arm(level1)), 'arm', { allowReplace: true });
    expect(text).toMatch(/^ALLOWED: 2 stateful resource\(s\)/m);
    expect(text).toContain('Deploy once the volume is free; exit 0 because --allow-replace was given.');
  });
});

describe('levels 2-3: the server holds no data', () => {
  it('a new architecture replaces it in both engines: safe, and the verdict names what is replaced', () => {
    const level2 = example('shop-2-separate-db.yaml');
    const diff = diffOf(level2, arm(level2));
    expect(actionOf(diff, 'cfn', 'ServerInstanceE518391B')).toBe('replace');
    expect(actionOf(diff, 'tf', 'aws_instance.server')).toBe('replace');
    expect(diff.changes.filter((change) => change.holds)).toEqual([]);
    expect(diff.safe).toBe(true);
    expect(diff.migrations).toEqual([]);
    expect(diff.blueprintChanges.map((change) => [change.cloudformation.split(':')[0], change.terraform.split(':')[0]])).toEqual([['replacement', 'replacement']]);
    const text = formatUpgradeDiff(diff, 'arm');
    expect(summaryOf(text)).not.toMatch(/stop and start/);
    expect(text).toContain('\n  Replaced, holding no data: CloudFormation ServerInstanceE518391B; Terraform aws_cloudwatch_metric_alarm.server_recovery, aws_instance.server.\n');
    // A type of the same architecture still stops and starts it.
    const larger = diffOf(level2, level2.replace('instanceType: t3.small', 'instanceType: t3.large'));
    expect(actionOf(larger, 'tf', 'aws_instance.server')).toBe('update');
    expect(actionOf(larger, 'tf', 'terraform_data.server_architecture')).toBeNull();
    expect(larger.blueprintChanges.map((change) => change.terraform)).toEqual([expect.stringMatching(/^stop and start/)]);
  });
});

describe('a new architecture under an image the blueprint names and keeps', () => {
  it('is refused: that image cannot run the new type, so exit 3 even with --allow-replace, with the fix', () => {
    const named = withApp(level1, '  ami: ami-0123456789abcdef0\n');
    const diff = diffOf(named, arm(named));
    expect(diff.blueprintChanges).toEqual([expect.objectContaining({ field: 'app.instanceType', refused: true })]);
    expect(diff.safe).toBe(false);
    const text = formatUpgradeDiff(diff, 'arm', { allowReplace: true });
    expect(text).toContain('but app.ami stays ami-0123456789abcdef0, the x86_64 image the server runs');
    expect(text).toContain('fix: name an image for the new type\'s architecture in app.ami along with app.instanceType, or keep app.instanceType at t3.small');
  });
});
