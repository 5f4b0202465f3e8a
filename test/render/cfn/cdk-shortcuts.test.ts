import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnOutput, CfnResource, DefaultStackSynthesizer, type IResolvable, type ISynthesisSession, Lazy, Stack, Token } from 'aws-cdk-lib';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { createPlan } from '../../../lib/plan';
import { CFN_APP_PROPS, synthesizeCfn } from '../../../lib/render/cfn';
import { installCdkShortcuts, withCdkShortcuts } from '../../../lib/render/cfn/synthesis/cdk-shortcuts';
import { logicalIdCounts } from '../../../lib/render/cfn/synthesis/logical-ids';
import { mergedTemplateCounts } from '../../../lib/render/cfn/synthesis/merged-template';
import { treePropertyCounts } from '../../../lib/render/cfn/synthesis/tree-properties';
import { loadBlueprint } from '../../../lib/spec';
import { EXAMPLES_DIR } from './examples';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serviceBlueprint } = require('../../../bench/lib/service-blueprint.js') as { serviceBlueprint(root: string, count: number): string };

const ROOT = join(__dirname, '..', '..', '..');
const TEAM_VPC_DIR = join(ROOT, 'test', 'fixtures', 'existing-vpc');
const scratch = mkdtempSync(join(tmpdir(), 'tierup-cdk-shortcuts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file under a directory, by relative path, with its bytes. */
function filesUnder(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = join(entry.parentPath, entry.name);
      return [file.slice(dir.length + 1), readFileSync(file, 'utf8')];
    })
    .sort(([a], [b]) => a.localeCompare(b)));
}

/** `synthesizeCfn` of one blueprint file into a fresh directory, with `TIERUP_CDK_SHORTCUTS` set as given. */
function synthesizeWith(file: string, shortcuts: '0' | undefined): Record<string, string> {
  const outdir = mkdtempSync(join(scratch, 'out-'));
  const before = process.env.TIERUP_CDK_SHORTCUTS;
  if (shortcuts === undefined) delete process.env.TIERUP_CDK_SHORTCUTS;
  else process.env.TIERUP_CDK_SHORTCUTS = shortcuts;
  try {
    synthesizeCfn([createPlan(loadBlueprint(file).spec)], { outdir, validate: false });
  } finally {
    if (before === undefined) delete process.env.TIERUP_CDK_SHORTCUTS;
    else process.env.TIERUP_CDK_SHORTCUTS = before;
  }
  return filesUnder(outdir);
}

const generated = join(scratch, 'services-25.yaml');
writeFileSync(generated, serviceBlueprint(ROOT, 25));
const BLUEPRINTS = [
  ...readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.yaml')).sort().map((file) => join(EXAMPLES_DIR, file)),
  ...readdirSync(TEAM_VPC_DIR).filter((file) => file.endsWith('.yaml')).sort().map((file) => join(TEAM_VPC_DIR, file)),
  generated,
];

describe('aws-cdk-lib shortcuts in the CloudFormation synthesis', () => {
  it('are all installed for the aws-cdk-lib tierup depends on', () => {
    const shortcuts = installCdkShortcuts({});
    shortcuts.uninstall();
    expect(shortcuts).toMatchObject({ installed: ['logical-ids', 'tree-properties', 'merged-template'], skipped: {} });
  });

  it.each(BLUEPRINTS.map((file) => [file === generated ? 'a generated level-6 blueprint of 25 services' : file.slice(ROOT.length + 1), file]))('write the whole cloud assembly of %s byte for byte as with TIERUP_CDK_SHORTCUTS=0', (_, file) => {
    // From one line, as stack traces in the metadata name it.
    const [off, on] = (['0', undefined] as const).map((shortcuts) => synthesizeWith(file, shortcuts));
    // The shortcuts were taken: most logical ids and every L1 resource's tree.json properties came from them.
    expect(logicalIdCounts.reused).toBeGreaterThan(logicalIdCounts.computed);
    expect(treePropertyCounts).toEqual({ reused: expect.any(Number), resolvedByLibrary: 0 });
    expect(treePropertyCounts.reused).toBeGreaterThan(20);
    expect(mergedTemplateCounts.kept).toBeGreaterThan(0);
    expect(Object.keys(on)).toEqual(Object.keys(off));
    expect(Object.keys(on)).toEqual(expect.arrayContaining(['tree.json', 'manifest.json']));
    for (const path of Object.keys(off)) expect({ path, bytes: on[path] }).toEqual({ path, bytes: off[path] });
  });

  it('leave aws-cdk-lib as it was after the synthesis, and untouched when switched off', () => {
    // tree.json's writer (a private class) is found on an app's `Tree`, and replaced only while a synthesis runs.
    const treeApp = new App({ outdir: mkdtempSync(join(scratch, 'tree-')) });
    new CfnQueue(new Stack(treeApp, 'Stack'), 'Queue');
    treeApp.synth();
    const prototypes = [Stack.prototype, CfnResource.prototype, Object.getPrototypeOf(treeApp.node.findChild('Tree')) as object];
    const descriptors = () => prototypes.map((prototype) => Object.getOwnPropertyDescriptors(prototype));
    const before = descriptors();
    let during: ReturnType<typeof descriptors> = [];
    withCdkShortcuts(() => {
      const app = new App({ outdir: mkdtempSync(join(scratch, 'tree-')) });
      new CfnQueue(new Stack(app, 'Stack'), 'Queue');
      app.synth();
      during = descriptors();
    });
    expect(during).toHaveLength(3);
    during.forEach((properties, index) => expect(properties).not.toEqual(before[index]));
    expect(descriptors()).toEqual(before);

    const off = installCdkShortcuts({ TIERUP_CDK_SHORTCUTS: '0' });
    expect(off.installed).toEqual([]);
    expect(off.skipped).toEqual({
      'logical-ids': 'TIERUP_CDK_SHORTCUTS=0', 'tree-properties': 'TIERUP_CDK_SHORTCUTS=0', 'merged-template': 'TIERUP_CDK_SHORTCUTS=0',
    });
    expect(descriptors()).toEqual(before);
    off.uninstall();
  });

  it('leave a method alone when it is not the one they were written for, or is absent', () => {
    const original = Object.getOwnPropertyDescriptor(Stack.prototype, 'getLogicalId')!;
    const rendering = Object.getOwnPropertyDescriptor(CfnResource.prototype, '_toCloudFormation')!;
    const reference = synthesizeWith(join(EXAMPLES_DIR, 'shop-1-single-server.yaml'), '0');
    // An aws-cdk-lib whose getLogicalId differs (here: the same behaviour, other source text) and whose _toCloudFormation is gone.
    const different = function getLogicalId(this: Stack, ...args: unknown[]) {
      return (original.value as (...a: unknown[]) => string).apply(this, args);
    };
    Object.defineProperty(Stack.prototype, 'getLogicalId', { ...original, value: different });
    try {
      const shortcuts = installCdkShortcuts({});
      expect(shortcuts.installed).toEqual(['tree-properties', 'merged-template']);
      expect(shortcuts.skipped['logical-ids']).toMatch(/^getLogicalId has source [0-9a-f]{16}, expected d766d8928a8b9852$/);
      expect(Stack.prototype.getLogicalId).toBe(different);
      shortcuts.uninstall();

      Object.defineProperty(CfnResource.prototype, '_toCloudFormation', { ...rendering, value: undefined });
      const none = installCdkShortcuts({});
      expect(none.installed).toEqual(['merged-template']);
      expect(none.skipped['tree-properties']).toBe('_toCloudFormation is absent');
      none.uninstall();
      Object.defineProperty(CfnResource.prototype, '_toCloudFormation', rendering);

      // The synthesis then runs on the library's own getLogicalId, and writes the same bytes.
      expect(synthesizeWith(join(EXAMPLES_DIR, 'shop-1-single-server.yaml'), undefined)).toEqual(reference);
      expect(Stack.prototype.getLogicalId).toBe(different);
    } finally {
      Object.defineProperty(Stack.prototype, 'getLogicalId', original);
      Object.defineProperty(CfnResource.prototype, '_toCloudFormation', rendering);
    }
  });
});

/**
 * A synthesizer that, when its stack is written, changes things in a stack written before it: what aws-cdk-lib writes
 * afterwards (tree.json, the renamed logical id) must follow, shortcut or not.
 */
class MeddlingSynthesizer extends DefaultStackSynthesizer {
  constructor(private readonly meddle: () => void) {
    super({ generateBootstrapVersionRule: false });
  }

  override synthesize(session: ISynthesisSession): void {
    this.meddle();
    super.synthesize(session);
  }
}

describe('the shortcuts when constructs change during synthesis', () => {
  function synthesizeApp(shortcuts: '0' | undefined): Record<string, string> {
    const outdir = mkdtempSync(join(scratch, 'app-'));
    const app = new App({ ...CFN_APP_PROPS, outdir });
    const first = new Stack(app, 'First', { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
    const queue = new CfnQueue(first, 'Queue', { queueName: 'before' });
    const redrivePolicy = { maxReceiveCount: 3 };
    new CfnQueue(first, 'Redriven', { redrivePolicy });
    const renamed = new CfnQueue(first, 'Renamed', { queueName: 'renamed' });
    // The renamed queue's id is taken while references are found; the rename arrives before the templates are written.
    first.node.addValidation({ validate: () => {
      first.renameLogicalId(first.getLogicalId(renamed), 'RenamedQueue');
      return [];
    } });
    new Stack(app, 'Second', { synthesizer: new MeddlingSynthesizer(() => {
      queue.queueName = 'after';
      redrivePolicy.maxReceiveCount = 5;
    }) });
    const shortcutsOf = installCdkShortcuts(shortcuts === '0' ? { TIERUP_CDK_SHORTCUTS: '0' } : {});
    try {
      app.synth();
    } finally {
      shortcutsOf.uninstall();
    }
    return filesUnder(outdir);
  }

  it('write the same bytes: tree.json resolves changed properties itself, and a late rename is applied', () => {
    const off = synthesizeApp('0');
    const on = synthesizeApp(undefined);
    expect(treePropertyCounts).toEqual({ reused: 1, resolvedByLibrary: 2 });
    expect(on).toEqual(off);
    expect(JSON.parse(on['First.template.json']).Resources).toEqual({
      Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'before' } },
      Redriven: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { maxReceiveCount: 3 } } },
      RenamedQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'renamed' } },
    });
    expect(on['tree.json']).toContain('"aws:cdk:cloudformation:props":{"queueName":"after"}');
    expect(on['tree.json']).toContain('"aws:cdk:cloudformation:props":{"redrivePolicy":{"maxReceiveCount":5}}');
  });

  it('write the same bytes when a resolved fragment still holds a token, or the template options are tokens', () => {
    // A token whose post-processor hands back another token: the fragment resolved once still holds it, and only the
    // merged template's second resolution turns it into text.
    const late: IResolvable = {
      creationStack: [],
      resolve: (context) => {
        context.registerPostProcessor({ postProcess: () => Lazy.string({ produce: () => 'resolved late' }) });
        return 'early';
      },
      toString: () => Token.asString(late),
    };
    const synthesize = (shortcuts: '0' | undefined) => {
      const outdir = mkdtempSync(join(scratch, 'late-'));
      const app = new App({ ...CFN_APP_PROPS, outdir });
      const stack = new Stack(app, 'Late', { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
      stack.templateOptions.description = Lazy.string({ produce: () => `described by ${stack.stackName}` });
      stack.templateOptions.metadata = { Owner: Lazy.string({ produce: () => 'team' }) };
      new CfnOutput(stack, 'Late', { value: Token.asString(late) });
      new CfnOutput(stack, 'Plain', { value: 'plain' });
      const installed = installCdkShortcuts(shortcuts === '0' ? { TIERUP_CDK_SHORTCUTS: '0' } : {});
      try {
        app.synth();
      } finally {
        installed.uninstall();
      }
      return filesUnder(outdir);
    };
    const off = synthesize('0');
    const on = synthesize(undefined);
    expect(mergedTemplateCounts).toEqual({ kept: 0, resolvedByLibrary: 3 });
    expect(on).toEqual(off);
    expect(JSON.parse(on['Late.template.json'])).toEqual({
      Description: 'described by Late',
      Metadata: { Owner: 'team' },
      Outputs: { Late: { Value: 'resolved late' }, Plain: { Value: 'plain' } },
    });
  });
});
