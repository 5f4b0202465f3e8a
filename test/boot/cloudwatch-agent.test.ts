import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AGENT_FILES, agentPlan, APP_LOG_DROP_IN, APP_LOG_FILE, APP_LOG_ROTATION, type ArchitecturePlan, type BootTier, cloudWatchAgentConfig, NGINX_LOGS,
} from '../../lib/plan';
import { cleanUpRuns, freePort, get, runBoot } from './boot-harness';
import { examplePlan, parametersFor } from './fixtures';
import { cfnScripts, tfScripts } from './rendered-scripts';
import { usePrivateTmpdir } from './private-tmpdir';

usePrivateTmpdir();

// The CloudWatch agent on every tier, its boot steps run as rendered under bash: installed from AL2023's repositories
// (the dnf stand-in installs a stand-in amazon-cloudwatch-agent-ctl), configured from the plan, loaded and started once
// its configuration exists; and never a reason for a boot to fail.

afterEach(() => cleanUpRuns());

const ENGINES = { cfn: cfnScripts, tf: tfScripts } as const;

/** The one boot script of `tier` in the primary region, as EC2 would run it. */
function scriptOf(plan: ArchitecturePlan, engine: keyof typeof ENGINES, tier: string): string {
  const found = ENGINES[engine](plan).filter((script) => script.tier === tier && script.source.startsWith(plan.regions[0].stackName));
  expect(found).toHaveLength(1);
  return found[0].text;
}

const fleet: BootTier = { kind: 'fleet', service: null };
const server: BootTier = { kind: 'server' };
const ctlCall = (root: string) => `amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${root}${AGENT_FILES.config}\n`;

describe('the CloudWatch agent at boot', () => {
  it('level 1 server without a domain (Terraform): writes the plan\'s configuration (the data volume\'s disk, the app\'s and nginx\'s logs), then loads and starts the agent on it; nginx logs the requests the alarms count', async () => {
    const port = await freePort();
    const web = { https: await freePort(), http: await freePort() };
    const plan = examplePlan('shop-1-single-server', (spec) => { spec.app.port = port; });
    const volume = mkdtempSync(join(tmpdir(), 'tierup-volume-'));
    try {
      const run = runBoot(scriptOf(plan, 'tf', 'server'), { parameters: parametersFor(plan, server, { database: 0, cache: 0 }), volume: { id: 'vol-0123456789abcdef0', dir: volume }, webPorts: web });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.log('dnf')).toMatch(/^dnf install -y amazon-cloudwatch-agent$/m);
      expect(run.log('dnf')).toMatch(/^dnf install -y nginx$/m);
      const written = readFileSync(join(run.root, AGENT_FILES.config), 'utf8');
      expect(written).toBe(cloudWatchAgentConfig(agentPlan(plan, server, 'us-east-1')));
      const config = JSON.parse(written);
      expect(config.metrics.metrics_collected.disk.resources).toEqual(['/', '/var/lib/pgsql']);
      expect(config.metrics).toMatchObject({ namespace: 'CWAgent', append_dimensions: { InstanceId: '${aws:InstanceId}' } });
      const groupOf = (content: string) => plan.monitoring.regions[0].logGroups.find((group) => group.content === content)?.name;
      expect(config.logs.logs_collected.files.collect_list).toEqual([
        { file_path: APP_LOG_FILE, log_group_name: groupOf('app'), log_stream_name: 'server/{instance_id}' },
        { file_path: NGINX_LOGS.access, log_group_name: groupOf('web-access'), log_stream_name: 'server/{instance_id}' },
        { file_path: NGINX_LOGS.error, log_group_name: groupOf('web-error'), log_stream_name: 'server/{instance_id}' },
      ]);
      // Loaded once, after its configuration existed (the stand-in refuses a missing or broken file), and started.
      expect(run.log('amazon-cloudwatch-agent-ctl')).toBe(ctlCall(run.root));
      expect(readFileSync(join(run.state, 'agent-config-1.json'), 'utf8')).toBe(written);
      expect(readFileSync(join(run.state, 'agent-status'), 'utf8')).toBe('running\n');
      expect((await get(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      // Port 80 (here web.http) is nginx, whose access log the agent ships and the server's request alarms count.
      expect((await get(`http://127.0.0.1:${web.http}/?page=2`)).status).toBe(200);
      expect(readFileSync(join(run.state, 'nginx/access.log'), 'utf8')).toMatch(/"GET \/\?page=2 HTTP\/1\.1" 200 /);
    } finally {
      rmSync(volume, { recursive: true, force: true });
    }
  });

  it('level 4 fleet (CloudFormation): the Auto Scaling group\'s dimensions; the app\'s output goes to the shipped file, rotated', async () => {
    const port = await freePort();
    const image = 'public.ecr.aws/shop/web:1.0';
    const plan = examplePlan('shop-4-fleet', (spec) => { spec.app.port = port; spec.app.image = image; });
    const run = runBoot(scriptOf(plan, 'cfn', 'fleet app'), { parameters: parametersFor(plan, fleet, { database: 1, cache: 1 }), containerPort: port });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const config = JSON.parse(readFileSync(join(run.state, 'agent-config-1.json'), 'utf8'));
    expect(config.metrics.append_dimensions).toEqual({ InstanceId: '${aws:InstanceId}', AutoScalingGroupName: '${aws:AutoScalingGroupName}' });
    expect(config.metrics.aggregation_dimensions).toEqual([['AutoScalingGroupName'], ['AutoScalingGroupName', 'path']]);
    expect(config.logs.logs_collected.files.collect_list).toEqual([{ file_path: APP_LOG_FILE, log_group_name: '/tierup/shop/production/app', log_stream_name: 'app/{instance_id}' }]);
    expect(readFileSync(join(run.root, APP_LOG_DROP_IN), 'utf8')).toContain(`StandardOutput=append:${APP_LOG_FILE}\nStandardError=append:${APP_LOG_FILE}\n`);
    expect(readFileSync(join(run.root, APP_LOG_ROTATION), 'utf8')).toMatch(new RegExp(`^${APP_LOG_FILE} \\{\\n[^}]*copytruncate\\n\\}\\n$`));
    // The container's start (ExecStartPre, docker run) writes to the file the agent ships, not to the journal.
    expect(existsSync(join(run.root, APP_LOG_FILE))).toBe(true);
    expect(run.log('docker')).toContain(`docker pull ${image}`);
    expect((await get(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect(run.log('cfn-signal')).toMatch(/^cfn-signal --exit-code 0 /);
  });

  it.each([
    ['cannot install (no repository has it)', { unavailablePackages: ['amazon-cloudwatch-agent', 'logrotate'] }, 'did not install'],
    ['cannot start', { agentFails: true }, 'did not start'],
  ] as const)('when the agent %s, warns and boots: the app serves and the instance signals success', async (_name, failure, what) => {
    const port = await freePort();
    const plan = examplePlan('shop-4-fleet', (spec) => { spec.app.port = port; });
    const run = runBoot(scriptOf(plan, 'cfn', 'fleet app'), { parameters: parametersFor(plan, fleet, { database: 1, cache: 1 }), ...failure });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`tierup: warning: the CloudWatch agent ${what}; the app serves without its metrics and logs in CloudWatch\n`);
    expect((await get(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect(run.log('cfn-signal')).toMatch(/^cfn-signal --exit-code 0 [^\n]*\n$/);
    if ('unavailablePackages' in failure) {
      expect(run.log('amazon-cloudwatch-agent-ctl')).toBe('');
      expect(run.stderr).toContain('tierup: warning: logrotate did not install; the app\'s log will not be rotated\n');
    }
  });
});
