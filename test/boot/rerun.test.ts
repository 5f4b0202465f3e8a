import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { acceptedOriginSecrets, AGENT_FILES, APP_LOG_DROP_IN, type ArchitecturePlan, BOOT_HASH_FILE, type BootTier, RERUN_HOOK_FILE, USER_DATA_SCRIPT_FILE } from '../../lib/plan';
import { cleanUpRuns, freePort, get, runBoot } from './boot-harness';
import { examplePlan, parametersFor } from './fixtures';
import { cfnScripts, tfScripts } from './rendered-scripts';
import { usePrivateTmpdir } from './private-tmpdir';

usePrivateTmpdir();

// The level 1-3 server keeps its instance when a deploy changes its user data (a stop and start), and cloud-init runs
// user data once per instance: the per-boot hook the boot script installs runs the changed script on the next boot.

afterEach(() => cleanUpRuns());

const server: BootTier = { kind: 'server' };
const ENGINES = { cfn: cfnScripts, tf: tfScripts } as const;

function serverScript(engine: keyof typeof ENGINES, image: string, port: number): string {
  const plan = examplePlan('shop-1-single-server', (spec) => { spec.app.port = port; spec.app.image = image; });
  const scripts = ENGINES[engine](plan).filter((script) => script.tier === 'server');
  expect(scripts).toHaveLength(1);
  // What cloud-init runs: CloudFormation's UserData gains its #! line from the CDK, Terraform's has it.
  return scripts[0].userData.startsWith('#!') ? scripts[0].userData : `#!/bin/bash\n${scripts[0].userData}`;
}

const sha256 = (text: string) => `${createHash('sha256').update(text).digest('hex')}  -\n`;

/** What cloud-init does on every boot: writes the instance's current user data where scripts-user reads it. */
function writeUserData(root: string, script: string): void {
  const path = join(root, USER_DATA_SCRIPT_FILE);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, script, { mode: 0o700 });
}

describe.each(['cfn', 'tf'] as const)('%s level 1 server whose user data changes', (engine) => {
  it('runs the new boot script on the next boot, once: the new image restarts the app; the data stays', async () => {
    const port = await freePort();
    const before = serverScript(engine, 'public.ecr.aws/shop/web:1.0', port);
    const after = serverScript(engine, 'public.ecr.aws/shop/web:1.1', port);
    expect(after).not.toBe(before);
    const plan = examplePlan('shop-1-single-server');
    const volume = mkdtempSync(join(tmpdir(), 'tierup-volume-'));
    const web = { https: await freePort(), http: await freePort() };
    try {
      const first = runBoot(before, { parameters: parametersFor(plan, server, { database: 0, cache: 0 }), volume: { id: 'vol-0123456789abcdef0', dir: volume }, containerPort: port, webPorts: web });
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      const hook = join(first.root, RERUN_HOOK_FILE);
      expect(statSync(hook).mode & 0o777).toBe(0o755);
      expect(readFileSync(join(first.root, BOOT_HASH_FILE), 'utf8')).toBe(sha256(before));
      expect(first.log('cfn-signal')).toEqual(engine === 'cfn' ? expect.stringMatching(/^cfn-signal --exit-code 0 .*\n$/) : '');
      writeFileSync(join(volume, 'orders.table'), 'order 1\n');
      writeUserData(first.root, before);
      const logs = () => ['systemctl', 'docker', 'cfn-signal', 'mkfs'].map((name) => first.log(name));
      const booted = logs();
      const appPid = () => readFileSync(join(first.state, 'app-pid'), 'utf8');
      const oldApp = appPid();

      // A reboot with the same user data: the hook does nothing.
      const same = first.exec(hook);
      expect(same).toMatchObject({ status: 0, stderr: '' });
      expect(logs()).toEqual(booted);

      // A server an earlier tierup booted forwarded port 80 with systemd-socket-proxyd: the rerun hands the port to nginx.
      const legacy = ['tierup-web.socket', 'tierup-web.service'].map((unit) => join(first.root, 'etc/systemd/system', unit));
      for (const unit of legacy) writeFileSync(unit, '[Unit]\n');
      // The deploy changed the image: the next boot runs the new script, which restarts the app on the new image.
      writeUserData(first.root, after);
      const rerun = first.exec(hook);
      expect(rerun.stderr).toBe('');
      expect(rerun.status).toBe(0);
      expect(rerun.stdout).toContain('running it again');
      const unit = readFileSync(join(first.root, 'etc/systemd/system/tierup-app.service'), 'utf8');
      expect(unit).toContain('docker run --rm --name tierup-app --network host --env-file /etc/tierup/app.env public.ecr.aws/shop/web:1.1');
      const systemctl = first.log('systemctl').slice(booted[0].length);
      expect(systemctl).toMatch(/^systemctl daemon-reload\nsystemctl reload-or-restart tierup-app.service\n/m);
      expect(systemctl).not.toMatch(/reload-or-restart tierup-web/);
      expect(systemctl).toMatch(/^systemctl disable --now tierup-web\.socket tierup-web\.service$/m);
      expect(legacy.filter((unit) => existsSync(unit))).toEqual([]);
      expect(first.log('docker').slice(booted[1].length)).toMatch(/^docker pull public\.ecr\.aws\/shop\/web:1\.1$/m);
      // The old app stopped; the new one serves.
      expect(appPid()).not.toBe(oldApp);
      expect(() => process.kill(Number(oldApp), 0)).toThrow();
      expect((await get(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      expect((await get(`http://127.0.0.1:${web.http}/health`)).status).toBe(200);
      expect(readFileSync(join(first.root, BOOT_HASH_FILE), 'utf8')).toBe(sha256(after));
      // No signal: CloudFormation waits for one at creation only.
      expect(first.log('cfn-signal')).toBe(booted[2]);
      expect(first.log('mkfs')).toBe(booted[3]);
      expect(readFileSync(join(volume, 'orders.table'), 'utf8')).toBe('order 1\n');

      // The boot after: the same user data again, nothing runs.
      const settled = logs();
      expect(first.exec(hook)).toMatchObject({ status: 0, stdout: '', stderr: '' });
      expect(logs()).toEqual(settled);
    } finally {
      rmSync(volume, { recursive: true, force: true });
    }
  });
});

describe('level 2 server with a domain whose app port changes', () => {
  it('reruns: the app restarts on its new port and nginx reloads its new configuration', async () => {
    const [port, newPort, https, http] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const scriptOf = (appPort: number) => {
      const plan = examplePlan('store-2-domain', (spec) => { spec.app.port = appPort; });
      const [script] = cfnScripts(plan).filter((candidate) => candidate.tier === 'server');
      return { plan, userData: `#!/bin/bash\n${script.userData}` };
    };
    const before = scriptOf(port);
    const after = scriptOf(newPort);
    const secrets = Object.fromEntries(acceptedOriginSecrets(required(before.plan.server?.originProof)).map((secret) => [secret.name, 'OriginSecretValue0123456789abcdef']));
    const run = runBoot(before.userData, { parameters: parametersFor(before.plan, server, { database: 1, cache: 1 }), secrets, webPorts: { https, http } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const health = () => Number(spawnSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '5', '-k', '-H', 'X-Origin-Verify: OriginSecretValue0123456789abcdef',
      '--resolve', `origin.store.example.com:${https}:127.0.0.1`, `https://origin.store.example.com:${https}/health`], { encoding: 'utf8' }).stdout);
    expect(health()).toBe(200);
    const booted = run.log('systemctl');

    writeUserData(run.root, after.userData);
    const rerun = run.exec(join(run.root, RERUN_HOOK_FILE));
    expect(rerun.stderr).toBe('');
    expect(rerun.status).toBe(0);
    const systemctl = run.log('systemctl').slice(booted.length);
    expect(systemctl).toContain('systemctl reload-or-restart tierup-app.service\n');
    expect(systemctl).toContain('systemctl reload-or-restart nginx.service\n');
    expect(readFileSync(join(run.root, 'etc/nginx/nginx.conf'), 'utf8')).toContain(`127.0.0.1:${newPort}`);
    expect((await get(`http://127.0.0.1:${newPort}/health`)).status).toBe(200);
    expect(health()).toBe(200);
    expect(run.log('cfn-signal')).toMatch(/^cfn-signal --exit-code 0 [^\n]*\n$/);
  });
});

describe('level 2 server whose log groups change', () => {
  /** The plan with its app log group renamed, as a re-planned monitoring section would. */
  const renamed = (plan: ArchitecturePlan): ArchitecturePlan => ({ ...plan, monitoring: { ...plan.monitoring, regions: plan.monitoring.regions.map((region) => ({
    ...region, logGroups: region.logGroups.map((group) => ({ ...group, name: `${group.name}-v2` })),
  })) } });
  const serverText = (plan: ArchitecturePlan) => tfScripts(plan).filter((script) => script.tier === 'server')[0].text;

  it('reruns: writes the agent\'s new configuration and reloads it; an app started before the log file restarts onto it', async () => {
    const port = await freePort();
    const plan = examplePlan('shop-2-separate-db', (spec) => { spec.app.port = port; });
    // A boot script from before the app's output went to a file: the same, without the drop-in and its restart.
    const before = serverText(plan)
      .replace(/^if \[ -f "\$root\/etc\/systemd\/system\/tierup-app\.service\.d\/tierup-log\.conf" \][\s\S]*?^chmod 0644 "\$root\/etc\/systemd\/system\/tierup-app\.service\.d\/tierup-log\.conf"\n/m, '')
      .replace(/^if \[ "\$app_log_before" .*\n/m, '');
    expect(before).not.toContain(APP_LOG_DROP_IN);
    const after = serverText(renamed(plan));
    const run = runBoot(before, { parameters: parametersFor(plan, server, { database: 1, cache: 1 }) });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const config = () => JSON.parse(readFileSync(join(run.root, AGENT_FILES.config), 'utf8')).logs.logs_collected.files.collect_list[0].log_group_name;
    expect(config()).toBe('/tierup/shop/production/app');
    const booted = { systemctl: run.log('systemctl'), app: readFileSync(join(run.state, 'app-pid'), 'utf8') };

    writeUserData(run.root, after);
    const rerun = run.exec(join(run.root, RERUN_HOOK_FILE));
    expect(rerun.stderr).toBe('');
    expect(rerun.status).toBe(0);
    expect(config()).toBe('/tierup/shop/production/app-v2');
    expect(run.log('amazon-cloudwatch-agent-ctl').split('\n').filter(Boolean)).toHaveLength(2);
    expect(readFileSync(join(run.state, 'agent-config-2.json'), 'utf8')).toBe(readFileSync(join(run.root, AGENT_FILES.config), 'utf8'));
    expect(run.log('systemctl').slice(booted.systemctl.length)).toContain('systemctl is-active --quiet tierup-app.service\nsystemctl restart tierup-app.service\n');
    expect(readFileSync(join(run.state, 'app-pid'), 'utf8')).not.toBe(booted.app);
    expect((await get(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    // Another change (a comment more): the drop-in is unchanged, so the running app is left alone.
    const rerunLog = run.log('systemctl').length;
    writeUserData(run.root, `${after}\n# another deploy\n`);
    const again = run.exec(join(run.root, RERUN_HOOK_FILE));
    expect(again).toMatchObject({ status: 0, stderr: '' });
    expect(again.stdout).toContain('running it again');
    expect(run.log('systemctl').slice(rerunLog)).not.toContain('restart tierup-app.service');
  });
});

describe('the per-boot hook', () => {
  it('runs the boot script again when no run completed (a failed first boot), and not at all without user data', () => {
    const hookOf = (engine: keyof typeof ENGINES) => {
      const plan = examplePlan('shop-3-cache');
      const script = ENGINES[engine](plan).find((candidate) => candidate.tier === 'server')?.text ?? '';
      return /^cat > "\$root\/var\/lib\/cloud\/scripts\/per-boot\/tierup-rerun-boot" <<'TIERUP_EOF'\n([\s\S]*?)\nTIERUP_EOF$/m.exec(script)?.[1] ?? '';
    };
    expect(hookOf('cfn')).toBe(hookOf('tf'));
    const root = mkdtempSync(join(tmpdir(), 'tierup-hook-'));
    try {
      writeFileSync(join(root, 'hook'), `${hookOf('tf')}\n`, { mode: 0o755 });
      const missing = runBoot(`#!/bin/bash\nexec "${join(root, 'hook')}"\n`, { parameters: {}, root });
      expect(missing).toMatchObject({ status: 0, stdout: '' });
      expect(missing.stderr).toContain('tierup: no user data at');
      writeUserData(root, '#!/bin/bash\necho "rerun: $TIERUP_RERUN"\n');
      const never = runBoot(`#!/bin/bash\nexec "${join(root, 'hook')}"\n`, { parameters: {}, root });
      expect(never).toMatchObject({ status: 0, stderr: '' });
      expect(never.stdout).toContain('rerun: 1\n');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is installed by the level 1-3 server only: fleets and workers get new instances from their launch templates', () => {
    const scripts = [...cfnScripts(examplePlan('shop-5-sharded')), ...tfScripts(examplePlan('shop-3-cache'))];
    const installs = (text: string) => text.includes(RERUN_HOOK_FILE) && text.includes(BOOT_HASH_FILE);
    expect(scripts.filter((script) => installs(script.text)).map((script) => script.tier)).toEqual(['server']);
    expect(scripts.length).toBeGreaterThan(2);
  });
});

function required<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('the plan lacks what the test needs');
  return value;
}
