import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { acceptedOriginSecrets, type ArchitecturePlan, BOOT_TIMEOUTS, type BootTier, NGINX_READY_SECONDS, signalTimeoutSeconds, TLS_BOOT_SECONDS } from '../../lib/plan';
import type { BlueprintSpec } from '../../lib/spec';
import { type BootRun, cleanUpRuns, freePort, runBoot } from './boot-harness';
import { examplePlan, parametersFor } from './fixtures';
import { cfnScripts, type RenderedScript, tfScripts } from './rendered-scripts';
import { usePrivateTmpdir } from './private-tmpdir';

usePrivateTmpdir();

// The level 1-3 server with a domain, its boot script run as rendered under bash: certbot (a stand-in writing a
// self-signed certificate with openssl) by DNS-01, then Debian's real nginx on the generated configuration (moved to
// high ports on 127.0.0.1) in front of the probe, admitting only CloudFront's secret header; and a rotation.

beforeAll(() => {
  // The nginx stand-in runs Debian's nginx on the generated configuration.
  if (!existsSync('/usr/sbin/nginx')) throw new Error('/usr/sbin/nginx is missing: apt-get install -y nginx (npm test installs it: scripts/test-prerequisites.sh)');
});
afterEach(() => cleanUpRuns());

const server: BootTier = { kind: 'server' };
const ORIGIN = 'origin.store.example.com';
const HEADER = 'X-Origin-Verify';
/** Punctuation that nginx's quoting and PCRE would take for syntax, to prove the include matches it literally. */
const CURRENT = 'Ab3"$\\~{};\'#x.*+?^|()[]%&!@=<>,/:`-_0';
/** v2: accepted from the start (the next version is created a rotation early), sent after the first rotation. */
const NEXT = 'NextSecretValue0123456789abcdefABCDEF';
/** v3: created by the first rotation. */
const AFTER = 'AfterSecretValue0123456789abcdefABCD';

interface Booted { readonly plan: ArchitecturePlan; readonly script: RenderedScript; readonly appPort: number; readonly https: number; readonly http: number }

async function boot(engine: 'cfn' | 'tf', change: (spec: BlueprintSpec) => void = () => undefined): Promise<Booted> {
  const [appPort, https, http] = await Promise.all([freePort(), freePort(), freePort()]);
  const plan = examplePlan('store-2-domain', (spec) => { spec.app.port = appPort; change(spec); });
  const scripts = (engine === 'cfn' ? cfnScripts : tfScripts)(plan).filter((script) => script.tier === 'server');
  expect(scripts).toHaveLength(1);
  return { plan, script: scripts[0], appPort, https, http };
}

function secretNames(plan: ArchitecturePlan): string[] {
  const proof = plan.server?.originProof;
  return proof ? acceptedOriginSecrets(proof).map((secret) => secret.name) : [];
}

/** GET over HTTPS through nginx, trusting only the certificate certbot left, with an optional origin header. */
function httpsGet(run: BootRun, port: number, path: string, headerValue: string | null): number {
  const args = ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '5',
    '--cacert', join(run.root, `etc/letsencrypt/live/${ORIGIN}/fullchain.pem`), '--resolve', `${ORIGIN}:${port}:127.0.0.1`,
    ...(headerValue === null ? [] : ['-H', `${HEADER}: ${headerValue}`]), `https://${ORIGIN}:${port}${path}`];
  const done = spawnSync('curl', args, { encoding: 'utf8' });
  return Number(done.stdout);
}

/** Waits (briefly) until nginx's reloaded workers answer `expected`. */
async function eventually(read: () => number, expected: number): Promise<number> {
  let last = read();
  for (let attempt = 0; attempt < 40 && last !== expected; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = read();
  }
  return last;
}

describe('level 2 server with a domain behind CloudFront', () => {
  it('obtains the certificate by DNS-01, serves HTTPS through nginx only with the origin secret, then signals', async () => {
    const { plan, script, https, http } = await boot('cfn');
    const [current, next] = secretNames(plan);
    const run = runBoot(script.userData, {
      parameters: parametersFor(plan, server, { database: 1, cache: 1 }), secrets: { [current]: CURRENT, [next]: NEXT }, webPorts: { https, http },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(script.userData).toContain("base64 -d <<'TIERUP_GZIP_EOF' | gunzip");

    // certbot from pip in a Python 3.12 venv, Let's Encrypt's production endpoint, nothing interactive.
    expect(run.log('dnf')).toContain('dnf install -y nginx python3.12');
    expect(run.log('pip')).toContain('install --quiet certbot certbot-dns-route53');
    expect(run.log('certbot')).toBe(`certbot certonly --dns-route53 -d ${ORIGIN} --non-interactive --agree-tos --register-unsafely-without-email --keep-until-expiring\n`);
    expect(run.log('certbot')).not.toMatch(/--staging|--test-cert|--server|--dry-run/);
    // The generated configuration passed the real nginx's check before it started.
    expect(run.log('nginx')).toMatch(/^nginx -t -q\nnginx \n/);

    // The map admits exactly the accepted values (the one CloudFront sends, and the next), on every path, the health path too.
    expect(httpsGet(run, https, '/health', CURRENT)).toBe(200);
    expect(httpsGet(run, https, '/health', NEXT)).toBe(200);
    expect(httpsGet(run, https, '/', CURRENT)).toBe(200);
    expect(httpsGet(run, https, '/health', null)).toBe(403);
    expect(httpsGet(run, https, '/', null)).toBe(403);
    expect(httpsGet(run, https, '/health', 'wrong')).toBe(403);
    expect(httpsGet(run, https, '/health', CURRENT.toLowerCase())).toBe(403);
    expect(httpsGet(run, https, '/health', `${CURRENT}x`)).toBe(403);
    expect(httpsGet(run, https, '/health', CURRENT.slice(1))).toBe(403);
    // Behind CloudFront nothing listens on 80 (the security group admits 443 only).
    expect(spawnSync('curl', ['-s', '-o', '/dev/null', `http://127.0.0.1:${http}/health`]).status).not.toBe(0);

    // The app is told nothing of the origin proof; the secret is in root-only files, never in the output or the logs.
    const include = readFileSync(join(run.root, 'etc/nginx/tierup/origin-proof.conf'), 'utf8');
    expect(include.split('\n')[0]).toBe(`# tierup origin proof: header ${HEADER}, secrets ${current} ${next}`);
    expect(readFileSync(join(run.root, 'etc/tierup/app.env'), 'utf8')).not.toContain('TIERUP_ORIGIN_');
    const logs = ['aws', 'systemctl', 'nginx', 'certbot', 'cfn-signal'].map((name) => run.log(name)).join('');
    for (const text of [run.stdout, run.stderr, logs, script.userData, script.text]) for (const value of [CURRENT, NEXT]) expect(text).not.toContain(value);
    expect(run.log('cfn-signal')).toMatch(/^cfn-signal --exit-code 0 /);
    expect(run.log('systemctl')).toContain('enable --now nginx.service tierup-certbot-renew.timer');
    expect(run.log('systemctl')).not.toContain('tierup-web.socket');
    expect(readFileSync(join(run.root, 'etc/systemd/system/tierup-certbot-renew.timer'), 'utf8')).toContain('OnCalendar=*-*-* 00,12:00:00');
    expect(readFileSync(join(run.root, 'etc/letsencrypt/renewal-hooks/deploy/tierup-reload-nginx'), 'utf8')).toContain('systemctl reload nginx.service');
  });

  it('rotates: new secret names regenerate the include and reload nginx, and the app keeps running', async () => {
    const { plan, script, https, http } = await boot('tf');
    const [current, next] = secretNames(plan);
    const after = current.replace(/-v1$/, '-v3');
    const run = runBoot(script.userData, {
      parameters: parametersFor(plan, server, { database: 1, cache: 1 }), secrets: { [current]: CURRENT, [next]: NEXT, [after]: AFTER }, webPorts: { https, http },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const appPid = readFileSync(join(run.state, 'app-pid'), 'utf8');
    const appEnv = readFileSync(join(run.root, 'etc/tierup/app.env'), 'utf8');
    // The next version is accepted before CloudFront sends it; the one after it is not.
    expect(httpsGet(run, https, '/health', NEXT)).toBe(200);
    expect(httpsGet(run, https, '/health', AFTER)).toBe(403);

    // Nothing changed: the refresh reads no origin secret (only the database's master secret, for the app's user and
    // password) and does not reload nginx.
    const refresh = join(run.root, 'usr/local/sbin/tierup-settings');
    expect(run.exec(refresh, ['--refresh']).status).toBe(0);
    expect(run.log('aws').match(/secretsmanager get-secret-value .*--secret-id tierup\//g)).toHaveLength(2);
    expect(run.log('systemctl')).not.toContain('reload nginx.service');

    // cdn.originSecretVersion 1 → 2: CloudFront sends v2, v1 stays accepted, v3 comes in.
    const parameters = join(run.state, 'parameters.tsv');
    writeFileSync(parameters, readFileSync(parameters, 'utf8').replace(`origin/secret-names\t${current} ${next}\n`, `origin/secret-names\t${next} ${after} ${current}\n`));
    const rotated = run.exec(refresh, ['--refresh']);
    expect(rotated.stderr).toBe('');
    expect(rotated.status).toBe(0);
    expect(run.log('systemctl')).toContain('reload nginx.service');
    expect(run.log('systemctl')).not.toContain('try-restart tierup-app.service');
    expect(readFileSync(join(run.state, 'app-pid'), 'utf8')).toBe(appPid);
    expect(run.exec('kill', ['-0', appPid.trim()]).status).toBe(0);
    expect(readFileSync(join(run.root, 'etc/tierup/app.env'), 'utf8')).toBe(appEnv);
    expect(readFileSync(join(run.root, 'etc/nginx/tierup/origin-proof.conf'), 'utf8')).toMatch(new RegExp(`^# tierup origin proof: header ${HEADER}, secrets ${next} ${after} ${current}\n`));
    expect(await eventually(() => httpsGet(run, https, '/health', AFTER), 200)).toBe(200);
    expect(httpsGet(run, https, '/health', NEXT)).toBe(200);
    expect(httpsGet(run, https, '/health', CURRENT)).toBe(200);
    expect(httpsGet(run, https, '/health', 'wrong')).toBe(403);
    expect(readFileSync(join(run.root, 'etc/nginx/tierup/origin-probe.header'), 'utf8')).toBe(`${HEADER}: ${NEXT}\n`);
    for (const text of [rotated.stdout, rotated.stderr, run.log('aws'), run.log('systemctl')]) for (const value of [NEXT, AFTER]) expect(text).not.toContain(value);

    // A setting the app reads still restarts it.
    writeFileSync(parameters, `${readFileSync(parameters, 'utf8')}${plan.parameterPrefix}/extra/flag\ton\n`);
    expect(run.exec(refresh, ['--refresh']).status).toBe(0);
    expect(run.log('systemctl')).toContain('try-restart tierup-app.service');
  });

  it('keeps the previous include, and fails the refresh, while a new secret cannot be read yet', async () => {
    const { plan, script, https, http } = await boot('tf');
    const [current, next] = secretNames(plan);
    const run = runBoot(script.userData, {
      parameters: parametersFor(plan, server, { database: 1, cache: 1 }), secrets: { [current]: CURRENT, [next]: NEXT }, webPorts: { https, http },
    });
    expect(run.status).toBe(0);
    const before = readFileSync(join(run.root, 'etc/nginx/tierup/origin-proof.conf'), 'utf8');
    const parameters = join(run.state, 'parameters.tsv');
    writeFileSync(parameters, readFileSync(parameters, 'utf8').replace(`origin/secret-names\t${current} ${next}\n`, `origin/secret-names\tnot-created-yet ${current} ${next}\n`));
    const refresh = run.exec(join(run.root, 'usr/local/sbin/tierup-settings'), ['--refresh']);
    expect(refresh.status).not.toBe(0);
    expect(refresh.stderr).toContain('tierup-origin-proof: cannot read secret not-created-yet');
    expect(readFileSync(join(run.root, 'etc/nginx/tierup/origin-proof.conf'), 'utf8')).toBe(before);
    expect(httpsGet(run, https, '/health', CURRENT)).toBe(200);
  });

  it('retries certbot, and fails readiness naming the hosted zone and the record when no certificate comes', async () => {
    const { plan, script, https, http } = await boot('cfn');
    const [current, next] = secretNames(plan);
    const options = { parameters: parametersFor(plan, server, { database: 1, cache: 1 }), secrets: { [current]: CURRENT, [next]: NEXT }, webPorts: { https, http } };

    const late = runBoot(script.userData, { ...options, certbotFailures: 2 });
    expect(late.status).toBe(0);
    expect(late.log('certbot').split('\n').filter(Boolean)).toHaveLength(3);
    expect(late.stderr).toContain(`tierup: certbot attempt 2 of 4 for ${ORIGIN} failed`);
    cleanUpRuns();

    const never = runBoot(script.userData, { ...options, certbotFailures: 99 });
    expect(never.status).not.toBe(0);
    expect(never.log('certbot').split('\n').filter(Boolean)).toHaveLength(4);
    expect(never.stderr).toContain(`tierup: no certificate for ${ORIGIN} after 4 attempts`);
    expect(never.stderr).toContain('hosted zone example.com');
    expect(never.stderr).toContain(`TXT record _acme-challenge.${ORIGIN}`);
    expect(never.log('cfn-signal')).toMatch(/^cfn-signal --exit-code 1 /);
    expect(never.log('systemctl')).not.toContain('tierup-app.service');
    expect(existsSync(join(never.root, 'etc/nginx/nginx.conf'))).toBe(false);
  });
});

describe('the signal timeout', () => {
  it('covers the HTTPS steps on the server with a domain, nginx\'s HTTP readiness on one without, and neither on a fleet', () => {
    const waits = BOOT_TIMEOUTS.settingsSeconds + BOOT_TIMEOUTS.healthSeconds;
    expect(TLS_BOOT_SECONDS).toBe(4 * 240 + 60 * (1 + 2 + 3) + 60);
    expect(signalTimeoutSeconds(examplePlan('store-2-domain'), server)).toBe(waits + TLS_BOOT_SECONDS);
    expect(signalTimeoutSeconds(examplePlan('shop-2-separate-db'), server)).toBe(waits + NGINX_READY_SECONDS);
    expect(signalTimeoutSeconds(examplePlan('store-4-domain'), { kind: 'fleet', service: null })).toBe(waits);
    // CloudFormation's creation policy waits 12 hours at most.
    expect(waits + TLS_BOOT_SECONDS).toBeLessThanOrEqual(12 * 3600);
  });
});

describe('level 2 server with a domain and no CDN', () => {
  it('serves HTTPS to anyone, without the origin proof, and redirects HTTP to HTTPS', async () => {
    const { plan, script, https, http } = await boot('tf', (spec) => { spec.cdn = { ...spec.cdn, enabled: false } as BlueprintSpec['cdn']; });
    expect(plan.server?.tls).toMatchObject({ domainName: 'store.example.com', redirectHttp: true });
    const run = runBoot(script.userData, { parameters: parametersFor(plan, server, { database: 1, cache: 1 }), webPorts: { https, http } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const get = (args: string[]) => spawnSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code} %{redirect_url}', '--max-time', '5', ...args], { encoding: 'utf8' }).stdout;
    const cacert = join(run.root, 'etc/letsencrypt/live/store.example.com/fullchain.pem');
    expect(get(['--cacert', cacert, '--resolve', `store.example.com:${https}:127.0.0.1`, `https://store.example.com:${https}/health`])).toBe('200 ');
    expect(get(['-H', 'Host: store.example.com', `http://127.0.0.1:${http}/orders?id=7`])).toBe('301 https://store.example.com/orders?id=7');
    expect(existsSync(join(run.root, 'etc/nginx/tierup/origin-proof.conf'))).toBe(false);
    // No origin secret to read (the database's master secret is read for the app's user and password).
    expect(run.log('aws')).not.toMatch(/--secret-id tierup\//);
  });
});
