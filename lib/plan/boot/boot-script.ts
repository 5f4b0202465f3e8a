import type { ArchitecturePlan, RegionPlan } from '../architecture-plan';
import { dataVolumeSteps } from './data-volume-steps';
import { PROBE_SOURCE } from './probe-source';
import { type BootTier, requiredSettings, toldCredentials } from './required-settings';
import type { RuntimePlan } from './runtime-plan';
import { APP_ENV_FILE, SETTINGS_COMMAND, settingsScript } from './settings-script';
import { gzipSync } from 'node:zlib';
import { BOOT_SCRIPT_DELIMITER } from '../../spec/boot-script-delimiter';
import { shellQuote, writeFile } from './shell';
import { APP_UNIT, containerUnit, PROBE_FILE, probeUnit, settingsRefreshUnits } from './units';
import { tierBoot, type TierBoot } from './tier-boot';
import { ORIGIN_PROOF_COMMAND, TLS_FILES } from './nginx-config';
import { certificateSteps, httpReadinessSteps, httpsReadinessSteps, NGINX_READY_SECONDS, nginxSteps, originProofHelperSteps, TLS_BOOT_SECONDS } from './server-tls-steps';
import { recordBootHashSteps, rememberFiles, rerunSetupSteps, restartChangedUnits } from './rerun-steps';
import { agentPlan } from './cloudwatch-agent-config';
import { cloudWatchAgentSteps } from './cloudwatch-agent-steps';
import { appLogRestartSteps, appLogSteps } from './app-log';

/** Bounded waits of the boot script, in seconds. */
export const BOOT_TIMEOUTS = {
  /**
   * For every required setting to exist. Settings of a database come when RDS has created it (tens of
   * minutes with Multi-AZ, replicas and a proxy), while the instances boot in parallel.
   */
  settingsSeconds: 3000,
  /** For the app to answer its health check locally once started. */
  healthSeconds: 600,
} as const;

/**
 * How long CloudFormation should wait for a tier's signal: the sum of its boot script's bounded waits, the server's
 * HTTPS steps included when it has a domain, nginx's HTTP readiness when it has none (a creation policy takes at most 12 hours:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-creationpolicy.html).
 */
export function signalTimeoutSeconds(plan: ArchitecturePlan, tier: BootTier): number {
  const boot = tierBoot(plan, tier);
  const front = boot.tls ? TLS_BOOT_SECONDS : boot.kind === 'server' && boot.port !== null ? NGINX_READY_SECONDS : 0;
  return BOOT_TIMEOUTS.settingsSeconds + BOOT_TIMEOUTS.healthSeconds + front;
}

/** The CloudFormation resource an instance signals once its app is healthy (cfn-signal); null in Terraform. */
export interface SignalTarget {
  readonly stack: string;
  readonly resource: string;
  readonly region: string;
}

/**
 * The boot script of one tier, as lines of bash without the `#!` line (CloudFormation's UserData adds it;
 * {@link bootScriptText} adds it for Terraform). In order: write the settings helper; wait (bounded) for
 * every setting the tier needs and write app.env; at level 1 mount the data volume and start the database
 * on it; install the refresh timer; run the blueprint's bootScript; start the app (container, the AMI's own,
 * or the built-in probe); wait for its local health check; signal CloudFormation. Any failure exits non-zero,
 * which signals failure, so the release stops and rolls back. The server with a domain first obtains its
 * certificate; once the app runs, every server with a port starts nginx in front of it (HTTPS with a domain, HTTP on
 * port 80 without; server-tls-steps.ts), and it is ready when both answer.
 * The server also installs a per-boot hook that runs its script again when a deploy changed it (rerun-steps.ts).
 * First of all, every tier installs the CloudWatch agent, best effort (cloudwatch-agent-steps.ts), and the app writes
 * its output to a file the agent ships (app-log.ts).
 */
export function bootScriptLines(plan: ArchitecturePlan, tier: BootTier, region: RegionPlan, signal: SignalTarget | null): string[] {
  const boot = tierBoot(plan, tier);
  const originProof = boot.originProof ? { settingsFile: TLS_FILES.originSettings, command: ORIGIN_PROOF_COMMAND } : null;
  const settings = settingsScript({
    prefix: boot.prefix, region: region.region, requiredSettings: requiredSettings(plan, tier, region.region),
    credentials: toldCredentials(plan, tier, region.region), localSettings: boot.localDatabase !== null, originProof,
  });
  const timer = settingsRefreshUnits();
  // Levels 1-3: the server keeps its instance when its user data changes, so the boot script runs again (rerun-steps.ts).
  const rerun = boot.kind === 'server';
  const units = rerun ? appUnits(boot) : [];
  const header = [`# tierup boot: ${plan.name} level ${plan.level} (${plan.levelName}), ${boot.description}, ${region.region}; app: ${describeApp(boot.runtime)}`, 'set -euo pipefail'];
  const variables = [
    `# TIERUP_ROOT, TIERUP_POLL_SECONDS and TIERUP_SETTINGS_WAIT_SECONDS${boot.tls ? ' (and TIERUP_CERTIFICATE_RETRY_SECONDS)' : ''} are unset on EC2; the boot tests set them.`,
    'root="${TIERUP_ROOT:-}"',
    'poll="${TIERUP_POLL_SECONDS:-5}"',
  ];
  const body = [
    '# Any failure signals failure: CloudFormation stops the release and rolls back.',
    'on_exit() { local status=$?; if [ "$status" -ne 0 ]; then signal "$status"; fi; }',
    'trap on_exit EXIT',
    ...(rerun ? rerunSetupSteps() : []),
    ...cloudWatchAgentSteps(agentPlan(plan, tier, region.region)),
    ...(boot.tls ? certificateSteps(boot.tls) : []),
    '',
    '# 1. Settings: wait until every one this tier needs exists, then write app.env.',
    ...writeFile(`$root${SETTINGS_COMMAND}`, '0755', settings),
    ...(boot.originProof ? originProofHelperSteps(region.region) : []),
    `"$root${SETTINGS_COMMAND}" --wait "\${TIERUP_SETTINGS_WAIT_SECONDS:-${BOOT_TIMEOUTS.settingsSeconds}}"`,
    ...(boot.localDatabase && boot.dataVolumeGb !== null ? ['', '# 2. Level 1: the database on the data volume.', ...dataVolumeSteps(boot.localDatabase, boot.dataVolumeGb)] : []),
    '',
    `# 3. Keep the settings fresh: a timer re-reads them and restarts the app when one changed.`,
    ...writeFile('$root/etc/systemd/system/tierup-settings.service', '0644', timer.service),
    ...writeFile('$root/etc/systemd/system/tierup-settings.timer', '0644', timer.timer),
    ...userBootScript(boot.runtime),
    '',
    '# 5. The app.',
    ...rememberFiles(units),
    ...appSteps(boot, region),
    ...appLogSteps(),
    'systemctl daemon-reload',
    ...appLogRestartSteps(),
    ...restartChangedUnits(units),
    'systemctl enable --now tierup-settings.timer',
    ...(boot.runtime.app === 'machine-image' ? ['# The machine image starts the app itself.'] : [`systemctl enable --now ${APP_UNIT}`]),
    ...(boot.kind === 'server' && boot.port !== null ? nginxSteps({ tls: boot.tls, appPort: boot.port, originProof: boot.originProof !== null }) : []),
    '',
    `# 6. Ready when the app answers its health check here${boot.kind === 'server' && boot.port !== null ? `, and nginx serves it over ${boot.tls ? 'HTTPS' : 'HTTP'}` : ''}.`,
    ...readinessSteps(boot),
    ...(boot.kind === 'server' && boot.port !== null ? frontReadinessSteps(boot) : []),
    ...(rerun ? recordBootHashSteps() : []),
    'signal 0',
    '',
  ];
  if (Buffer.byteLength(body.join('\n'), 'utf8') <= PLAIN_BODY_LIMIT_BYTES) return [...header, ...variables, ...signalFunction(signal), ...body];
  // shellcheck sees no use of the variables that only the compressed body reads; before any command, this covers the script.
  const [title, strict] = header;
  return [title, '# shellcheck disable=SC2034', strict, ...variables, ...signalFunction(signal), ...compressedBody(body)];
}

/**
 * EC2 user data holds at most 16 KB before base64 (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html).
 * A script whose body (all but its first lines and the signal) would pass this ships that body gzip-compressed,
 * leaving room for the first lines and the CloudFormation signal's stack and resource names.
 */
export const PLAIN_BODY_LIMIT_BYTES = 15 * 1024;

/** The delimiter of the compressed body's here-document. */
export const COMPRESSED_BODY_DELIMITER = 'TIERUP_GZIP_EOF';

/**
 * The body as base64 of its gzip (deterministic: no timestamp, OS byte "unknown"), run in the same shell, so its
 * trap and its `signal` calls are those of the plain script. Decode it with `base64 -d | gunzip` to review it.
 */
function compressedBody(lines: readonly string[]): string[] {
  const gzip = gzipSync(Buffer.from(`${lines.join('\n')}\n`, 'utf8'), { level: 9 });
  gzip.writeUInt32LE(0, 4);
  gzip[9] = 0xff;
  const encoded = gzip.toString('base64').match(/.{1,76}/g) ?? [];
  return [
    `# The rest of the boot script, gzip-compressed to fit EC2's 16 KB of user data (to read it: base64 -d the lines up to ${COMPRESSED_BODY_DELIMITER}, then gunzip).`,
    `tierup_body=$(base64 -d <<'${COMPRESSED_BODY_DELIMITER}' | gunzip`,
    ...encoded,
    COMPRESSED_BODY_DELIMITER,
    ')',
    'eval "$tierup_body"',
    '',
  ];
}

/** The boot script as a complete file, `#!` line included (Terraform's user data). */
export function bootScriptText(plan: ArchitecturePlan, tier: BootTier, region: RegionPlan): string {
  return ['#!/bin/bash', ...bootScriptLines(plan, tier, region, null)].join('\n');
}

/** {@link bootScriptText}, base64-encoded as EC2 user data takes it. */
export function bootScriptBase64(plan: ArchitecturePlan, tier: BootTier, region: RegionPlan): string {
  return Buffer.from(bootScriptText(plan, tier, region), 'utf8').toString('base64');
}

function describeApp(runtime: RuntimePlan): string {
  if (runtime.image) return `container ${runtime.image.reference}`;
  return runtime.app === 'machine-image' ? 'from the machine image' : 'built-in probe';
}

/** Attempts at installing cfn-signal (aws-cfn-bootstrap) before the boot gives up, and again when it signals. */
export const CFN_BOOTSTRAP_ATTEMPTS = 3;

/**
 * How the script signals. CloudFormation's side installs cfn-signal (aws-cfn-bootstrap) with failure signalling already
 * armed (the body arms it again, the same, for both engines), so a failed install signals too: the install is retried,
 * skipped where the machine image has cfn-signal, and tried again by `signal` when the boot failed without it (where no
 * attempt succeeds, nothing can signal). Terraform's side is unchanged by it, so its user data and instances stay.
 */
function signalFunction(signal: SignalTarget | null): string[] {
  if (!signal) return ['# Terraform: readiness is the load balancer\'s health check (the Auto Scaling group waits for it).', 'signal() { :; }'];
  const cfnSignal = '"$root/opt/aws/bin/cfn-signal"';
  // `return 0`, not `return`: in the EXIT trap a bare return gives the status the script failed with.
  return [
    '# A failed install of cfn-signal signals failure too, so CloudFormation does not wait out its timeout.',
    `cfn_bootstrap() { for _ in $(seq ${CFN_BOOTSTRAP_ATTEMPTS}); do [ -x ${cfnSignal} ] && return 0; dnf install -y aws-cfn-bootstrap || sleep "$poll"; done; [ -x ${cfnSignal} ]; }`,
    `signal() { [ -n "\${TIERUP_RERUN:-}" ] || { cfn_bootstrap && ${cfnSignal} --exit-code "$1" --stack ${shellQuote(signal.stack)} --resource ${shellQuote(signal.resource)} --region ${shellQuote(signal.region)}; } || true; }`,
    'trap \'[ "$?" -eq 0 ] || signal 1\' EXIT',
    'cfn_bootstrap',
  ];
}

function userBootScript(runtime: RuntimePlan): string[] {
  if (runtime.bootScript === null) return [];
  return [
    '',
    '# 4. The blueprint\'s bootScript: after the settings (path in TIERUP_ENV_FILE), before the app.',
    ...writeFile('$root/etc/tierup/boot-script.sh', '0700', runtime.bootScript, BOOT_SCRIPT_DELIMITER),
    `TIERUP_ENV_FILE="$root${APP_ENV_FILE}" bash "$root/etc/tierup/boot-script.sh"`,
  ];
}

/** The files of the app's units that {@link appSteps} writes, each restarted when a rerun changed it. */
function appUnits(boot: TierBoot): string[] {
  const app = boot.runtime.image || (boot.runtime.app !== 'machine-image' && boot.port !== null) ? [APP_UNIT] : [];
  return app.map((unit) => `$root/etc/systemd/system/${unit}`);
}

function frontReadinessSteps(boot: TierBoot): string[] {
  return boot.tls ? httpsReadinessSteps(boot.tls, boot.healthCheckPath, boot.originProof !== null) : httpReadinessSteps(boot.healthCheckPath);
}

function appSteps(boot: TierBoot, region: RegionPlan): string[] {
  const { runtime, port } = boot;
  if (runtime.image) {
    return ['dnf install -y docker', 'systemctl enable --now docker.service', ...writeFile(`$root/etc/systemd/system/${APP_UNIT}`, '0644', containerUnit(runtime.image))];
  }
  if (runtime.app === 'machine-image' || port === null) return [];
  const unit = probeUnit({ blueprint: boot.blueprint, level: boot.level, region: region.region, tier: boot.description, port, healthCheckPath: boot.healthCheckPath });
  return [...writeFile(`$root${PROBE_FILE}`, '0644', compactPython(PROBE_SOURCE), 'TIERUP_PROBE_EOF'), ...writeFile(`$root/etc/systemd/system/${APP_UNIT}`, '0644', unit)];
}

function readinessSteps(boot: TierBoot): string[] {
  if (boot.port === null) {
    // Workers that run the blueprint's image serve no port: ready once the unit keeps running.
    return boot.runtime.app === 'machine-image' ? [] : [`sleep "$poll"`, `systemctl is-active --quiet ${APP_UNIT}`];
  }
  const url = `http://127.0.0.1:${boot.port}${boot.healthCheckPath}`;
  return [
    `deadline=$((SECONDS + ${BOOT_TIMEOUTS.healthSeconds}))`,
    `until curl -fs -o /dev/null --max-time 5 ${shellQuote(url)}; do`,
    `  if [ "$SECONDS" -ge "$deadline" ]; then echo "tierup: ${url} not healthy after ${BOOT_TIMEOUTS.healthSeconds} s" >&2; exit 1; fi`,
    '  sleep "$poll"',
    'done',
  ];
}

/**
 * The probe without its docstrings, comments and blank lines, indented one space per level: EC2 user data
 * holds at most 16 KB (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html), and the source
 * stays readable in probe-source.ts.
 */
export function compactPython(source: string): string {
  return source
    .split('\n')
    .filter((line) => !/^\s*("""[^"]*"""|#.*)?$/.test(line))
    .map((line) => line.replace(/^((?: {4})+)/, (indent) => ' '.repeat(indent.length / 4)))
    .join('\n');
}
