import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactPython, PROBE_SOURCE } from '../../lib/plan';
import { examplePlan, exampleNames } from './fixtures';
import { cfnScripts, embeddedScripts, type RenderedScript, tfScripts } from './rendered-scripts';
import { usePrivateTmpdir } from './private-tmpdir';

usePrivateTmpdir();

// Every rendered boot script of every example, both engines: shellcheck-clean, within EC2's user-data
// limit, the same in both engines but for signalling, and in the order that keeps the app behind its settings.

/** EC2 user data holds at most 16 KB before base64 (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html). */
const USER_DATA_LIMIT = 16 * 1024;

const examples = exampleNames().map((name) => {
  const plan = examplePlan(name);
  return { name, plan, cfn: cfnScripts(plan), tf: tfScripts(plan) };
});
const all: RenderedScript[] = examples.flatMap((example) => [...example.cfn, ...example.tf]);

function shellcheck(files: readonly { name: string; text: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tierup-shellcheck-'));
  try {
    const paths = files.map((file, index) => {
      const path = join(dir, `${String(index).padStart(3, '0')}-${file.name.replace(/[^\w.-]+/g, '_')}.sh`);
      writeFileSync(path, file.text);
      return path;
    });
    const done = spawnSync('shellcheck', ['--shell=bash', ...paths], { encoding: 'utf8' });
    if (done.error) throw new Error(`shellcheck is missing: apt-get install -y shellcheck (npm test installs it: scripts/test-prerequisites.sh): ${done.error.message}`);
    return done.stdout + done.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('rendered boot scripts', () => {
  it('exist for every instance and launch template of every example, in both engines', () => {
    for (const example of examples) {
      expect(example.cfn.length).toBeGreaterThan(0);
      expect(example.cfn.map((script) => script.tier).toSorted()).toEqual(example.tf.map((script) => script.tier).toSorted());
    }
    expect(all.length).toBeGreaterThan(20);
  });

  it('pass shellcheck, and so do the scripts they write', () => {
    // Scripts that differ only in names check alike; each distinct text is checked once.
    const distinct = [...new Map(all.map((script) => [script.text.replace(/shop|orders|payments|emails|[a-z]{2}-[a-z]+-\d/g, 'x'), script])).values()];
    const withShebang = (text: string) => (text.startsWith('#!') ? text : `#!/bin/bash\n${text}`);
    const files = distinct.flatMap((script) => [
      { name: `${script.engine}-${script.tier}`, text: withShebang(script.text) },
      // A compressed script is checked as it runs, too.
      ...(script.userData === script.text ? [] : [{ name: `${script.engine}-${script.tier}-user-data`, text: withShebang(script.userData) }]),
      ...embeddedScripts(script.text).map((embedded) => ({ name: `${script.engine}-${script.tier}-${embedded.path}`, text: embedded.text })),
    ]);
    expect(files.length).toBeGreaterThan(distinct.length * 2);
    expect(distinct.map((script) => script.engine).toSorted()).toEqual(expect.arrayContaining(['cfn', 'tf']));
    expect(shellcheck(files)).toBe('');
  });

  it('shellcheck finds a broken script (the check can fail)', () => {
    expect(shellcheck([{ name: 'broken', text: '#!/bin/bash\necho $undefined_and_unquoted\n' }])).toMatch(/SC2154|SC2086/);
  });

  it('fit in EC2 user data', () => {
    const largest = Math.max(...all.map((script) => Buffer.byteLength(script.userData)));
    expect(largest).toBeLessThan(USER_DATA_LIMIT);
  });

  it('ship a body too big for user data gzip-compressed, and only then', () => {
    const server = (name: string) => cfnScripts(examplePlan(name)).find((script) => script.tier === 'server');
    const plain = cfnScripts(examplePlan('shop-4-fleet')).find((script) => script.tier === 'fleet app');
    expect(plain?.userData).toBe(plain?.text);
    const domain = server('store-2-domain');
    expect(Buffer.byteLength(domain?.text ?? '')).toBeGreaterThan(USER_DATA_LIMIT);
    // Compressed, about half its size: 4 KB to spare under the limit (the CloudWatch agent's configuration included).
    expect(Buffer.byteLength(domain?.userData ?? '')).toBeLessThan(12 * 1024);
    expect(Buffer.byteLength(domain?.userData ?? '')).toBeLessThan(Buffer.byteLength(domain?.text ?? '') * 0.6);
    expect(domain?.userData).toMatch(/^tierup_body=\$\(base64 -d <<'TIERUP_GZIP_EOF' \| gunzip$/m);
    expect(domain?.text).toContain('# 0. HTTPS: nginx, certbot, and a certificate for origin.store.example.com');
  });

  it('fit in EC2 user data at level 1 with the longest bootScript and name the spec allows', () => {
    const plan = examplePlan('shop-1-single-server', (spec) => {
      spec.name = 'abcdefghijklmnop';
      spec.app.bootScript = `echo ${'x'.repeat(1019)}`;
    });
    const [script] = cfnScripts(plan);
    expect(plan.server?.runtime.bootScript?.length).toBe(1024);
    expect(Buffer.byteLength(script.userData)).toBeLessThan(USER_DATA_LIMIT);
  });

  it('fit in EC2 user data at level 1 with a domain behind CloudFront, the longest bootScript and name', () => {
    const plan = examplePlan('shop-1-single-server', (spec) => {
      spec.name = 'abcdefghijklmnop';
      spec.app.bootScript = `echo ${'x'.repeat(1019)}`;
      // The longest name ACM takes behind CloudFront: origin.<name> at 64 characters.
      spec.domain = { name: `${'a'.repeat(20)}.${'b'.repeat(24)}.example.com`, hostedZone: `${'b'.repeat(24)}.example.com` };
    });
    const [script] = cfnScripts(plan).filter((candidate) => candidate.tier === 'server');
    expect(plan.server?.originProof).not.toBeNull();
    expect(Buffer.byteLength(script.userData)).toBeLessThan(USER_DATA_LIMIT);
  });

  it('are the same in both engines but for the CloudFormation signal', () => {
    const withoutSignal = (script: RenderedScript) => script.text
      .replace(/^#!\/bin\/bash\n/, '')
      .replace(/^# A failed install of cfn-signal .*\ncfn_bootstrap\(\) \{ .*\nsignal\(\) \{ .*cfn-signal.*\ntrap .* EXIT\ncfn_bootstrap\n/m, '')
      .replace(/^# Terraform: readiness is .*\nsignal\(\) \{ :; \}\n/m, '');
    for (const example of examples) {
      const texts = (scripts: readonly RenderedScript[]) => scripts.map(withoutSignal).toSorted();
      expect(texts(example.cfn)).toEqual(texts(example.tf));
    }
  });

  it('start an app on the health-checked port only after every setting exists, then signal', () => {
    for (const script of all) {
      const settings = script.text.indexOf('/usr/local/sbin/tierup-settings" --wait');
      const start = script.text.indexOf('systemctl enable --now tierup-app.service');
      const ready = script.text.indexOf('until curl -fs -o /dev/null');
      expect({ source: script.source, settings: settings > 0, start: start > settings, ready: ready > start }).toEqual({ source: script.source, settings: true, start: true, ready: true });
      expect(script.text.trimEnd().endsWith('signal 0')).toBe(true);
    }
  });

  it('ship a probe that Python compiles, compacted as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierup-probe-'));
    try {
      writeFileSync(join(dir, 'probe.py'), PROBE_SOURCE);
      writeFileSync(join(dir, 'compact.py'), compactPython(PROBE_SOURCE));
      const done = spawnSync('/usr/bin/python3', ['-m', 'py_compile', join(dir, 'probe.py'), join(dir, 'compact.py')], { encoding: 'utf8' });
      expect(done.stderr).toBe('');
      expect(done.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
