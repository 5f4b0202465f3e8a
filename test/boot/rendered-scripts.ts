import { gunzipSync } from 'node:zlib';
import { type ArchitecturePlan, COMPRESSED_BODY_DELIMITER } from '../../lib/plan';
import { renderCfnTemplates } from '../../lib/render/cfn/synthesize';
import { renderTfConfigs } from '../../lib/render/tf/synthesize';

/** One boot script as an engine rendered it: the text EC2 would run. */
export interface RenderedScript {
  readonly engine: 'cfn' | 'tf';
  /** Where it came from, e.g. `shop-production-us-east-1 FleetLaunchTemplate3FC2FEAE`. */
  readonly source: string;
  /** The tier, from the script's header line, e.g. "fleet app", "server", "workers emails". */
  readonly tier: string;
  /** The region the script boots in, from its header line. */
  readonly region: string;
  /** The user data exactly as rendered: the text EC2 would run. */
  readonly userData: string;
  /** The script to read: the user data with a gzip-compressed body (a script too big for user data otherwise) expanded in place. */
  readonly text: string;
}

/** Stand-ins for the values CloudFormation resolves at deploy time. */
const PSEUDO_REFS: Record<string, string> = { 'AWS::StackName': 'shop-test-stack', 'AWS::Region': 'us-east-1', 'AWS::Partition': 'aws' };

/** Every instance's and launch template's user data in the CloudFormation templates, references resolved. */
export function cfnScripts(plan: ArchitecturePlan): RenderedScript[] {
  return Object.entries(renderCfnTemplates(plan)).flatMap(([stack, template]) =>
    Object.entries(template.Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>).flatMap(([id, resource]) => {
      const userData = resource.Type === 'AWS::EC2::Instance'
        ? resource.Properties?.UserData
        : resource.Type === 'AWS::EC2::LaunchTemplate' ? (resource.Properties?.LaunchTemplateData as Record<string, unknown> | undefined)?.UserData : undefined;
      if (userData === undefined) return [];
      const text = resolve((userData as Record<string, unknown>)['Fn::Base64']);
      return [{ engine: 'cfn' as const, source: `${stack} ${id}`, ...headerOf(text), userData: text, text: expanded(text) }];
    }));
}

/** Every instance's and launch template's user data in the Terraform configurations, decoded. */
export function tfScripts(plan: ArchitecturePlan): RenderedScript[] {
  return Object.entries(renderTfConfigs(plan)).flatMap(([stack, config]) => {
    const resources = config.resource as unknown as Record<string, Record<string, Record<string, unknown>>>;
    const found = [
      ...Object.entries(resources.aws_instance ?? {}).map(([name, r]) => [`aws_instance.${name}`, r.user_data_base64] as const),
      ...Object.entries(resources.aws_launch_template ?? {}).map(([name, r]) => [`aws_launch_template.${name}`, r.user_data] as const),
    ];
    return found.map(([source, encoded]) => {
      const text = Buffer.from(String(encoded), 'base64').toString('utf8');
      return { engine: 'tf' as const, source: `${stack} ${source}`, ...headerOf(text), userData: text, text: expanded(text) };
    });
  });
}

function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(resolve).join(separator);
  }
  if ('Ref' in node && typeof node.Ref === 'string' && node.Ref in PSEUDO_REFS) return PSEUDO_REFS[node.Ref];
  throw new Error(`boot script holds an unexpected reference: ${JSON.stringify(node)}`);
}

/** The script with its compressed body (see compressedBody in lib/plan/boot/boot-script.ts) decoded in place of the lines that run it. */
export function expanded(userData: string): string {
  const pattern = new RegExp(`^# The rest of the boot script, gzip-compressed.*\ntierup_body=\\$\\(base64 -d <<'${COMPRESSED_BODY_DELIMITER}' \\| gunzip\n([A-Za-z0-9+/=\n]+?)\n${COMPRESSED_BODY_DELIMITER}\n\\)\neval "\\$tierup_body"\n`, 'm');
  const match = pattern.exec(userData);
  if (!match) return userData;
  return userData.slice(0, match.index) + gunzipSync(Buffer.from(match[1].replace(/\n/g, ''), 'base64')).toString('utf8') + userData.slice(match.index + match[0].length);
}

function headerOf(text: string): { tier: string; region: string } {
  const header = /^# tierup boot: [^,]+, (.+), ([a-z]{2}(?:-[a-z]+)+-\d); app: /m.exec(text);
  if (!header) throw new Error(`no tierup boot header in:\n${text.slice(0, 300)}`);
  return { tier: header[1], region: header[2] };
}

/** The scripts a boot script writes with `cat > PATH <<'DELIM'` whose first line is `#!/bin/bash`. */
export function embeddedScripts(text: string): { readonly path: string; readonly text: string }[] {
  const found: { path: string; text: string }[] = [];
  const pattern = /^cat > "([^"]+)" <<'(\w+)'\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) {
    if (match[3].startsWith('#!/bin/bash')) found.push({ path: match[1], text: `${match[3]}\n` });
  }
  return found;
}
