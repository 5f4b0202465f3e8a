import { ORIGIN_VERIFIED_VARIABLE, TLS_FILES } from './nginx-config';
import { shellQuote } from './shell';

/**
 * `tierup-origin-proof`: reads the origin proof's settings (header name, and the Secrets Manager names of the
 * accepted values, the one CloudFront sends first), and when they differ from what the include was made from,
 * fetches each value and writes nginx's `map` that admits exactly those values (a case-sensitive, anchored match
 * of each value, every character but letters and digits escaped), then checks nginx's configuration and reloads
 * it when nginx runs. The values go to files readable by root only; nothing prints them. The settings refresh
 * runs it every time (it does nothing while the names stay the same); a rotation (new names) reloads nginx and
 * leaves the app running. A failure (a new secret not readable yet) keeps the previous include and exits non-zero,
 * so the next refresh tries again.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/restrict-access-to-load-balancer.html
 */
export function originProofScript(region: string): string {
  return [
    '#!/bin/bash',
    '# tierup-origin-proof: nginx admits only requests that carry an accepted origin secret (CloudFront\'s header).',
    'set -euo pipefail',
    'export LC_ALL=C',
    'root="${TIERUP_ROOT:-}"',
    `region=${shellQuote(region)}`,
    `settings="$root${TLS_FILES.originSettings}"`,
    `include="$root${TLS_FILES.originProofInclude}"`,
    `probe_header="$root${TLS_FILES.originProbeHeader}"`,
    'fail() { echo "tierup-origin-proof: $*" >&2; exit 1; }',
    '',
    'header=$(sed -n \'s/^TIERUP_ORIGIN_HEADER_NAME=//p\' "$settings")',
    'names=$(sed -n \'s/^TIERUP_ORIGIN_SECRET_NAMES=//p\' "$settings")',
    '[[ $header =~ ^[A-Za-z0-9-]+$ ]] || fail "origin/header-name is not a header name: \'$header\'"',
    'read -r -a secrets <<<"$names"',
    '[ "${#secrets[@]}" -gt 0 ] || fail "origin/secret-names names no secret"',
    'stamp="# tierup origin proof: header $header, secrets ${secrets[*]}"',
    'if [ -f "$include" ] && [ "$(head -n 1 "$include")" = "$stamp" ]; then exit 0; fi',
    '',
    '# nginx reads the header as $http_<name>, lower-case with dashes as underscores.',
    'variable="http_$(tr \'A-Z-\' \'a-z_\' <<<"$header")"',
    'umask 077',
    'install -d -m 0700 "$(dirname "$include")"',
    'next=$(mktemp "$include.XXXXXX")',
    'next_header=$(mktemp "$probe_header.XXXXXX")',
    'trap \'rm -f "$next" "$next_header"\' EXIT',
    '{',
    '  echo "$stamp"',
    `  echo "map \\$$variable \\$${ORIGIN_VERIFIED_VARIABLE.slice(1)} {"`,
    '  echo "    default 0;"',
    '} > "$next"',
    'for name in "${secrets[@]}"; do',
    '  value=$(aws secretsmanager get-secret-value --region "$region" --secret-id "$name" --query SecretString --output text) \\',
    '    || fail "cannot read secret $name"',
    '  [[ $value =~ ^[[:graph:]]+$ ]] || fail "secret $name: its value must be printable ASCII without spaces"',
    '  # A regular expression matches case-sensitively (a plain map key would not); escaped for PCRE, then for nginx\'s quotes.',
    '  pattern=$(sed -e \'s/[^A-Za-z0-9]/\\\\&/g\' -e \'s/[\\\\"]/\\\\&/g\' <<<"$value")',
    '  printf \'    "~^%s$" 1;\\n\' "$pattern" >> "$next"',
    '  if [ "$name" = "${secrets[0]}" ]; then printf \'%s: %s\\n\' "$header" "$value" > "$next_header"; fi',
    'done',
    'echo "}" >> "$next"',
    '',
    'previous=""',
    'if [ -f "$include" ]; then previous=$(mktemp "$include.XXXXXX"); cp -p "$include" "$previous"; fi',
    'mv "$next" "$include"',
    'if systemctl is-active --quiet nginx.service; then',
    '  if ! nginx -t -q; then',
    '    if [ -n "$previous" ]; then mv "$previous" "$include"; else rm -f "$include"; fi',
    '    fail "nginx refuses the new origin proof; kept the previous one"',
    '  fi',
    '  systemctl reload nginx.service',
    'fi',
    'rm -f "$previous"',
    'mv "$next_header" "$probe_header"',
    `echo "tierup-origin-proof: nginx admits the header $header with the values of \${secrets[*]}"`,
    '',
  ].join('\n');
}
