import { APP_ENV_FILE, SETTINGS_COMMAND, SETTINGS_REFRESH_SECONDS } from './settings-script';
import type { ContainerImagePlan } from './runtime-plan';

// systemd units the boot script installs. Unit files name real paths; only the boot script roots them.

/** Where the probe is written. */
export const PROBE_FILE = '/opt/tierup/probe.py';

/** The app's unit, whatever runs it; the settings timer restarts it when a setting changes. */
export const APP_UNIT = 'tierup-app.service';

/** What the probe says about itself in `/`. */
export interface ProbeIdentity {
  readonly blueprint: string;
  readonly level: number;
  readonly region: string;
  readonly tier: string;
  readonly port: number;
  readonly healthCheckPath: string;
}

const HARDENING = ['NoNewPrivileges=yes', 'ProtectSystem=strict', 'ProtectHome=yes', 'PrivateTmp=yes'];

/** The built-in probe as a service: reads app.env on every request, restarted when it stops. */
export function probeUnit(probe: ProbeIdentity): string {
  return [
    '[Unit]',
    `Description=tierup built-in probe on port ${probe.port}`,
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    `Environment=TIERUP_ENV_FILE=${APP_ENV_FILE}`,
    `Environment=TIERUP_PROBE_PORT=${probe.port}`,
    `Environment=TIERUP_PROBE_HEALTH_PATH=${probe.healthCheckPath}`,
    `Environment=TIERUP_BLUEPRINT=${probe.blueprint}`,
    `Environment=TIERUP_LEVEL=${probe.level}`,
    `Environment=TIERUP_REGION=${probe.region}`,
    `Environment="TIERUP_TIER=${probe.tier}"`,
    `ExecStart=/usr/bin/python3 ${PROBE_FILE}`,
    'Restart=always',
    'RestartSec=2',
    ...HARDENING,
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/**
 * The blueprint's container under Docker (the `docker` package of the Amazon Linux 2023 repositories).
 * Host networking: the app's port is the host's port (what the health check probes), and it reaches the
 * level-1 database on 127.0.0.1 and the instance role through IMDSv2 at hop limit 1.
 */
export function containerUnit(image: ContainerImagePlan): string {
  const login = image.ecr
    ? [`ExecStartPre=/bin/sh -c 'aws ecr get-login-password --region ${image.ecr.region} | docker login --username AWS --password-stdin ${image.registry}'`]
    : [];
  return [
    '[Unit]',
    `Description=tierup app ${image.reference}`,
    'After=docker.service network-online.target',
    'Requires=docker.service',
    'Wants=network-online.target',
    '',
    '[Service]',
    'ExecStartPre=-/usr/bin/docker rm -f tierup-app',
    ...login,
    `ExecStartPre=/usr/bin/docker pull ${image.reference}`,
    `ExecStart=/usr/bin/docker run --rm --name tierup-app --network host --env-file ${APP_ENV_FILE} ${image.reference}`,
    'ExecStop=/usr/bin/docker stop tierup-app',
    'Restart=always',
    'RestartSec=5',
    'TimeoutStartSec=900',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/** The timer that keeps app.env fresh, and the one-shot it runs. */
export function settingsRefreshUnits(): { readonly service: string; readonly timer: string } {
  return {
    service: ['[Unit]', 'Description=tierup: refresh the app settings from SSM', '', '[Service]', 'Type=oneshot', `ExecStart=${SETTINGS_COMMAND} --refresh`, ''].join('\n'),
    timer: [
      '[Unit]', `Description=tierup: refresh the app settings every ${SETTINGS_REFRESH_SECONDS} s`, '',
      '[Timer]', `OnActiveSec=${SETTINGS_REFRESH_SECONDS}`, `OnUnitActiveSec=${SETTINGS_REFRESH_SECONDS}`, 'AccuracySec=5', '',
      '[Install]', 'WantedBy=timers.target', '',
    ].join('\n'),
  };
}

/** Level 1: the unit of the one-shot that creates the app's database and user; it requires the engine's unit. */
export const DATABASE_INIT_UNIT = 'tierup-database.service';

/** Level 1: the one-shot that creates the app's database and user after the engine starts. */
export function databaseInitUnit(engineService: string): string {
  return [
    '[Unit]', 'Description=tierup: the app\'s database and user', `After=${engineService}.service`, `Requires=${engineService}.service`, '',
    '[Service]', 'Type=oneshot', 'RemainAfterExit=yes', 'ExecStart=/usr/local/sbin/tierup-database-init', '',
    '[Install]', 'WantedBy=multi-user.target', '',
  ].join('\n');
}
