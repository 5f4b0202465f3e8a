import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { type ArchitecturePlan, createPlan } from '../../../lib/plan';
import { parseBlueprint } from '../../../lib/spec';
import { generatedBlueprint } from '../../parity/semantic/generated-blueprint';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The Python of the pinned checkov virtual environment (`.venv-checkov`, made by scripts/test-prerequisites.sh):
 * python-hcl2, checkov's HCL parser, is installed in it.
 */
export function checkovPython(): string {
  const python = join(ROOT, '.venv-checkov', 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(`${python} is missing: run \`bash scripts/test-prerequisites.sh\` (npm test runs it first), which makes the pinned checkov virtual environment`);
  }
  return python;
}

/** The `terraform` binary ($TIERUP_TERRAFORM, else on PATH); fails saying how to install it when there is none. */
export function terraformBinary(): string {
  const binary = process.env.TIERUP_TERRAFORM ?? 'terraform';
  const found = spawnSync(binary, ['version'], { encoding: 'utf8' });
  if (found.error !== undefined || found.status !== 0) {
    throw new Error(`the HCL tests run \`terraform fmt -check\` (offline, no init) and found no terraform binary (${binary}): install Terraform 1.11 or later (https://developer.hashicorp.com/terraform/install; HashiCorp's apt repository or the release zip into /usr/local/bin) or set TIERUP_TERRAFORM to its path`);
  }
  return binary;
}

/** `terraform fmt -check -diff` over a folder: the files it would change and its diff, or '' when all are formatted. */
export function terraformFmtProblems(directory: string): string {
  const result = spawnSync(terraformBinary(), ['fmt', '-check', '-recursive', '-diff', '-no-color', directory], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
  return result.status === 0 ? '' : `${result.stdout}${result.stderr}`;
}

/** What each file means, read by checkov's HCL parser (test/render/tf/hcl-meaning.py), by path. */
export function hclMeanings(files: readonly string[]): Record<string, unknown> {
  const output = execFileSync(checkovPython(), [join(__dirname, 'hcl-meaning.py'), ...files], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return JSON.parse(output) as Record<string, unknown>;
}

/**
 * The generated blueprint (test/parity/semantic/generated-blueprint.ts: three regions active-active with a domain,
 * shards, services with their own databases, caches, queues and events) told by e-mail, a Slack channel (AWS
 * Chatbot) and a topic the team already has: what no example combines.
 */
export function generatedPlan(): ArchitecturePlan {
  const spec = parse(generatedBlueprint(3)) as Record<string, unknown>;
  const alerts = { emails: ['ops@example.com'], slack: { workspaceId: 'T0123ABCDEF', channelId: 'C0123ABCDEF' }, topicArn: 'arn:aws:sns:us-east-1:123456789012:ops-pager' };
  return createPlan(parseBlueprint(stringify({ ...spec, name: 'gen', alerts }), 'generated.yaml').spec);
}
