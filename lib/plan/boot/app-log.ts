import { APP_UNIT } from './units';
import { writeFile } from './shell';

// The app's output in a file: the CloudWatch agent ships files, not the journal (AL2023 keeps its logs in the journal
// only: https://docs.aws.amazon.com/linux/al2023/ug/journald.html). A drop-in points the app unit's output there
// whatever runs it (the probe, the container, or a machine image's own tierup-app.service), and logrotate keeps it small.

/** Where the app's stdout and stderr go, on every tier. */
export const APP_LOG_FILE = '/var/log/tierup/app.log';

/** The drop-in that sends the app unit's output to {@link APP_LOG_FILE}. */
export const APP_LOG_DROP_IN = `/etc/systemd/system/${APP_UNIT}.d/tierup-log.conf`;

/** logrotate's configuration for the app's log. */
export const APP_LOG_ROTATION = '/etc/logrotate.d/tierup';

/**
 * The drop-in: systemd opens the file itself, in append mode (`append:`, systemd 240 and later; AL2023 runs 252), so
 * logrotate's copytruncate leaves the app writing at the new end
 * (https://www.freedesktop.org/software/systemd/man/latest/systemd.exec.html#StandardOutput=).
 */
export function appLogDropIn(): string {
  return [
    '# tierup: the app\'s output to a file, which the CloudWatch agent ships (it reads files, not the journal).',
    '[Service]',
    `StandardOutput=append:${APP_LOG_FILE}`,
    `StandardError=append:${APP_LOG_FILE}`,
    '',
  ].join('\n');
}

/** A week of daily logs, compressed; copytruncate because systemd keeps the file open for the app. */
export function appLogRotation(): string {
  return [
    `${APP_LOG_FILE} {`,
    '    daily',
    '    rotate 7',
    '    maxsize 100M',
    '    missingok',
    '    notifempty',
    '    compress',
    '    delaycompress',
    '    copytruncate',
    '}',
    '',
  ].join('\n');
}

/**
 * Before the app's units are reloaded: the log's directory, the drop-in (its checksum before, to restart an app that
 * runs already, a machine image's or a rerun's, when it changed), and its rotation (logrotate, best effort: the app
 * serves without it).
 */
export function appLogSteps(): string[] {
  const dropIn = `$root${APP_LOG_DROP_IN}`;
  return [
    `install -d -m 0755 "$(dirname "$root${APP_LOG_FILE}")"`,
    `if [ -f "${dropIn}" ]; then app_log_before=$(sha256sum < "${dropIn}"); else app_log_before=""; fi`,
    ...writeFile(dropIn, '0644', appLogDropIn()),
    'dnf install -y logrotate || echo "tierup: warning: logrotate did not install; the app\'s log will not be rotated" >&2',
    ...writeFile(`$root${APP_LOG_ROTATION}`, '0644', appLogRotation()),
  ];
}

/** After `systemctl daemon-reload`: an app that runs already restarts when its output moved; one not started yet is left to start. */
export function appLogRestartSteps(): string[] {
  return [`if [ "$app_log_before" != "$(sha256sum < "$root${APP_LOG_DROP_IN}")" ] && systemctl is-active --quiet ${APP_UNIT}; then systemctl restart ${APP_UNIT}; fi`];
}
