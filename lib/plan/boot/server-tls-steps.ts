import type { ServerTlsPlan } from '../compute-plan';
import { certificatePaths, nginxConfig, type NginxConfigInput, ORIGIN_PROOF_COMMAND, TLS_FILES } from './nginx-config';
import { originProofScript } from './origin-proof-script';
import { rememberFiles, restartWhenChanged } from './rerun-steps';
import { shellQuote, writeFile } from './shell';

// The boot steps of the single server's nginx front (levels 1-3): with a domain, certbot's certificate by DNS-01,
// nginx on 443, the renewal timer and the origin proof behind CloudFront; without one, nginx on port 80. Both wait
// until nginx serves the health path.

/** How long the boot waits for a started nginx to serve the health path, with or without a certificate. */
export const NGINX_READY_SECONDS = 60;

/**
 * Bounds of the certificate's retries. Let's Encrypt allows 5 failed validations per name, account and hour
 * (https://letsencrypt.org/docs/rate-limits/), so a boot tries at most 4 times, waiting longer each time (the
 * role's policy or the hosted zone's delegation may take the first minutes to be seen).
 */
export const CERTIFICATE_RETRIES = {
  attempts: 4,
  /** One certbot run: it writes the TXT record, waits for Route 53 to apply it, then for Let's Encrypt to check it. */
  attemptSeconds: 240,
  /** The wait after the n-th failure is n times this. */
  retrySeconds: 60,
  /** For nginx to serve the certificate once started. */
  httpsSeconds: NGINX_READY_SECONDS,
} as const;

/** The longest the HTTPS steps add to a boot, in seconds (CloudFormation's signal timeout must cover it). */
export const TLS_BOOT_SECONDS = CERTIFICATE_RETRIES.attempts * CERTIFICATE_RETRIES.attemptSeconds
  + CERTIFICATE_RETRIES.retrySeconds * ((CERTIFICATE_RETRIES.attempts * (CERTIFICATE_RETRIES.attempts - 1)) / 2)
  + CERTIFICATE_RETRIES.httpsSeconds;

/** The certificate's renewal: twice a day at a random minute, as certbot advises; the deploy hook reloads nginx. */
export function certbotRenewUnits(): { readonly service: string; readonly timer: string } {
  return {
    service: [
      '[Unit]', 'Description=tierup: renew the server\'s certificate (the deploy hook reloads nginx)', 'After=network-online.target', 'Wants=network-online.target', '',
      '[Service]', 'Type=oneshot', `ExecStart=${TLS_FILES.certbotHome}/bin/certbot renew --quiet`, '',
    ].join('\n'),
    timer: [
      '[Unit]', 'Description=tierup: renew the server\'s certificate twice a day', '',
      '[Timer]', 'OnCalendar=*-*-* 00,12:00:00', 'RandomizedDelaySec=1h', 'Persistent=true', '',
      '[Install]', 'WantedBy=timers.target', '',
    ].join('\n'),
  };
}

const DEPLOY_HOOK = [
  '#!/bin/bash',
  '# certbot runs this after it renewed the certificate: nginx takes the new one without dropping a connection.',
  'set -euo pipefail',
  'systemctl reload nginx.service',
  '',
].join('\n');

/**
 * Before the settings wait (it needs none of them, and RDS takes longer): nginx from the Amazon Linux 2023
 * repositories; certbot and its Route 53 plugin from PyPI in a virtual environment (AL2023 packages no certbot;
 * https://certbot.eff.org/instructions, pip instructions), on Python 3.12 as certbot no longer supports AL2023's
 * default 3.9 (https://github.com/certbot/certbot/issues/10389); then the certificate by DNS-01 in the hosted zone
 * (https://certbot-dns-route53.readthedocs.io), from Let's Encrypt's production endpoint, with bounded retries, and
 * its renewal timer.
 */
export function certificateSteps(tls: ServerTlsPlan): string[] {
  const venv = `$root${TLS_FILES.certbotHome}`;
  const certificate = `$root${certificatePaths(tls.domainName).fullchain}`;
  const { attempts, attemptSeconds, retrySeconds } = CERTIFICATE_RETRIES;
  const renew = certbotRenewUnits();
  const name = shellQuote(tls.domainName);
  return [
    '',
    `# 0. HTTPS: nginx, certbot, and a certificate for ${tls.domainName} by a DNS-01 challenge in ${tls.hostedZone}.`,
    'dnf install -y nginx python3.12',
    `python3.12 -m venv "${venv}"`,
    `"${venv}/bin/pip" install --quiet --upgrade pip`,
    `"${venv}/bin/pip" install --quiet certbot certbot-dns-route53`,
    `retry="\${TIERUP_CERTIFICATE_RETRY_SECONDS:-${retrySeconds}}"`,
    'attempt=1',
    `until [ -s "${certificate}" ]; do`,
    `  if [ "$attempt" -gt ${attempts} ]; then`,
    `    echo ${shellQuote(`tierup: no certificate for ${tls.domainName} after ${attempts} attempts of certbot's DNS-01 challenge: check that the hosted zone ${tls.hostedZone} is in Route 53 in this account and delegated, and that the server's role may write the TXT record ${tls.challengeRecordName} (certbot's log: /var/log/letsencrypt/letsencrypt.log)`)} >&2`,
    '    exit 1',
    '  fi',
    '  sleep "$((retry * (attempt - 1)))"',
    `  timeout ${attemptSeconds} "${venv}/bin/certbot" certonly --dns-route53 -d ${name} --non-interactive --agree-tos --register-unsafely-without-email --keep-until-expiring \\`,
    `    || echo "tierup: certbot attempt $attempt of ${attempts} for ${tls.domainName} failed" >&2`,
    '  attempt=$((attempt + 1))',
    'done',
    ...writeFile(`$root${TLS_FILES.deployHook}`, '0755', DEPLOY_HOOK),
    ...writeFile('$root/etc/systemd/system/tierup-certbot-renew.service', '0644', renew.service),
    ...writeFile('$root/etc/systemd/system/tierup-certbot-renew.timer', '0644', renew.timer),
  ];
}

/** Behind CloudFront, beside the settings helper (whose refresh runs it): the origin proof's helper. */
export function originProofHelperSteps(region: string): string[] {
  return writeFile(`$root${ORIGIN_PROOF_COMMAND}`, '0755', originProofScript(region));
}

/**
 * After the app: nginx's configuration (and, behind CloudFront, the origin proof's include), checked, then started
 * (with the renewal timer when it has a certificate). Without a domain nginx is installed here: certificateSteps
 * installs it otherwise. Servers booted by tierup before nginx fronted every server forwarded port 80 with
 * systemd-socket-proxyd (units `tierup-web.socket`/`.service`): a rerun removes them so that nginx can take the port.
 */
export function nginxSteps(input: NginxConfigInput): string[] {
  return [
    '',
    `# ${input.tls ? 'HTTPS' : 'HTTP'} in front of the app${input.originProof ? ', admitting only requests with the origin secret' : ''}; its access log counts the requests.`,
    ...(input.tls ? [] : ['dnf install -y nginx']),
    `if [ -e "$root${LEGACY_WEB_FORWARD.socket}" ]; then`,
    `  systemctl disable --now tierup-web.socket tierup-web.service || true`,
    `  rm -f "$root${LEGACY_WEB_FORWARD.socket}" "$root${LEGACY_WEB_FORWARD.service}"`,
    'fi',
    ...rememberFiles([`$root${TLS_FILES.nginxConfig}`]),
    ...writeFile(`$root${TLS_FILES.nginxConfig}`, '0644', nginxConfig(input)),
    ...(input.originProof ? [`"$root${ORIGIN_PROOF_COMMAND}"`] : []),
    'nginx -t -q',
    'systemctl daemon-reload',
    restartWhenChanged(`$root${TLS_FILES.nginxConfig}`, 'nginx.service'),
    `systemctl enable --now nginx.service${input.tls ? ' tierup-certbot-renew.timer' : ''}`,
  ];
}

/** The units with which earlier servers forwarded port 80 to the app, before nginx fronted every server. */
const LEGACY_WEB_FORWARD = { socket: '/etc/systemd/system/tierup-web.socket', service: '/etc/systemd/system/tierup-web.service' } as const;

/** Without a domain: ready only when nginx serves the health path on port 80. */
export function httpReadinessSteps(healthCheckPath: string): string[] {
  return [
    '# TIERUP_HTTP_PORT is unset on EC2 (80); the boot tests set it.',
    'http_port="${TIERUP_HTTP_PORT:-80}"',
    ...untilNginxServes(`"http://127.0.0.1:$http_port"${shellQuote(healthCheckPath)}`, `${healthCheckPath} on port 80`),
  ];
}

/** Ready only when nginx serves the health path over HTTPS with the certificate (and, behind CloudFront, the secret header). */
export function httpsReadinessSteps(tls: ServerTlsPlan, healthCheckPath: string, originProof: boolean): string[] {
  const name = tls.domainName;
  const header = originProof ? ` -H @"$root${TLS_FILES.originProbeHeader}"` : '';
  return [
    '# TIERUP_HTTPS_PORT is unset on EC2 (443); the boot tests set it.',
    'https_port="${TIERUP_HTTPS_PORT:-443}"',
    ...untilNginxServes(`--cacert "$root${certificatePaths(name).fullchain}" --resolve "${name}:$https_port:127.0.0.1"${header} "https://${name}:$https_port"${shellQuote(healthCheckPath)}`,
      `https://${name}${healthCheckPath} with its certificate`),
  ];
}

/** Polls curl (its arguments after the common ones) until it succeeds, failing the boot after {@link NGINX_READY_SECONDS}. */
function untilNginxServes(curlArguments: string, what: string): string[] {
  return [
    `deadline=$((SECONDS + ${NGINX_READY_SECONDS}))`,
    `until curl -fs -o /dev/null --max-time 5 ${curlArguments}; do`,
    `  if [ "$SECONDS" -ge "$deadline" ]; then echo ${shellQuote(`tierup: nginx does not serve ${what} after ${NGINX_READY_SECONDS} s`)} >&2; exit 1; fi`,
    '  sleep "$poll"',
    'done',
  ];
}
