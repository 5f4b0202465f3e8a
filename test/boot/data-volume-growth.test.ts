import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BOOT_HASH_FILE, type BootTier, RERUN_HOOK_FILE, USER_DATA_SCRIPT_FILE } from '../../lib/plan';
import { cleanUpRuns, freePort, runBoot } from './boot-harness';
import { examplePlan, parametersFor } from './fixtures';
import { cfnScripts, tfScripts } from './rendered-scripts';
import { usePrivateTmpdir } from './private-tmpdir';

usePrivateTmpdir();

// `app.dataVolumeGb` grows the level-1 data volume in place (EBS ModifyVolume). The size is in the boot script, so the
// deploy changes the server's user data, both engines stop and start the server, and the per-boot hook runs the new
// script: it grows the filesystem to the larger device (stand-ins: blockdev reads the "device"'s .device-bytes,
// xfs_growfs grows its .fs-bytes to it).

afterEach(() => cleanUpRuns());

const server: BootTier = { kind: 'server' };
const ENGINES = { cfn: cfnScripts, tf: tfScripts } as const;
const GIB = 1024 ** 3;

/** What cloud-init runs, and the script to read (its compressed body expanded). */
function serverScript(engine: keyof typeof ENGINES, dataVolumeGb: number, port: number): { run: string; text: string } {
  const plan = examplePlan('shop-1-single-server', (spec) => { spec.app.port = port; spec.app.dataVolumeGb = dataVolumeGb; });
  const scripts = ENGINES[engine](plan).filter((script) => script.tier === 'server');
  expect(scripts).toHaveLength(1);
  return { run: scripts[0].userData.startsWith('#!') ? scripts[0].userData : `#!/bin/bash\n${scripts[0].userData}`, text: scripts[0].text };
}

const sha256 = (text: string) => `${createHash('sha256').update(text).digest('hex')}  -\n`;

function writeUserData(root: string, script: string): void {
  const path = join(root, USER_DATA_SCRIPT_FILE);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, script, { mode: 0o700 });
}

describe.each(['cfn', 'tf'] as const)('%s level 1 server whose data volume grows from 20 to 40 GiB', (engine) => {
  let port: number;
  let before: string;
  let after: string;
  let afterText: string;
  let volume: string;
  beforeAll(async () => {
    port = await freePort();
    before = serverScript(engine, 20, port).run;
    ({ run: after, text: afterText } = serverScript(engine, 40, port));
  });
  beforeEach(() => { volume = mkdtempSync(join(tmpdir(), 'tierup-volume-')); });
  afterEach(() => rmSync(volume, { recursive: true, force: true }));

  /** The first boot on a blank 20 GiB volume, with the data the app then wrote. */
  function firstBoot() {
    const first = runBoot(before, { parameters: parametersFor(examplePlan('shop-1-single-server'), server, { database: 0, cache: 0 }), volume: { id: 'vol-0123456789abcdef0', dir: volume, sizeGb: 20 } });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.log('xfs_growfs')).toMatch(/data size unchanged, skipping\n$/);
    expect(readFileSync(join(volume, '.fs-bytes'), 'utf8').trim()).toBe(String(20 * GIB));
    writeFileSync(join(volume, 'orders.table'), 'order 1\n');
    writeUserData(first.root, before);
    return first;
  }

  it('the size is in the user data, so the resize reaches the server', () => {
    expect(after).not.toBe(before);
    expect(afterText).toContain('want_bytes=$((40 * 1024 * 1024 * 1024))');
  });

  it('grows the filesystem to the larger device on the boot after the resize, keeping the data', () => {
    const first = firstBoot();
    writeFileSync(join(volume, '.device-bytes'), String(40 * GIB));
    writeUserData(first.root, after);
    const rerun = first.exec(join(first.root, RERUN_HOOK_FILE));
    expect(rerun.stderr).toBe('');
    expect(rerun.status).toBe(0);
    expect(first.log('xfs_growfs')).toMatch(new RegExp(`xfs_growfs -d ${first.root}/var/lib/pgsql: data blocks changed from ${20 * GIB} to ${40 * GIB} bytes\\n$`));
    expect(readFileSync(join(volume, '.fs-bytes'), 'utf8').trim()).toBe(String(40 * GIB));
    expect(first.log('mkfs').split('\n').filter(Boolean)).toHaveLength(1);
    expect(readFileSync(join(volume, 'orders.table'), 'utf8')).toBe('order 1\n');
    expect(readFileSync(join(first.root, BOOT_HASH_FILE), 'utf8')).toBe(sha256(after));
  });

  it('waits for the device to show the new size, and fails the rerun (the next boot tries again) while it does not', () => {
    const first = firstBoot();
    writeUserData(first.root, after);
    // The volume's modification has not reached the device: a short wait, then the rerun fails without growing.
    const early = first.exec('env', ['TIERUP_POLL_SECONDS=0.01', join(first.root, RERUN_HOOK_FILE)]);
    expect(early.status).not.toBe(0);
    expect(early.stderr).toContain(`tierup: data volume vol-0123456789abcdef0 holds ${20 * GIB} bytes, not the 40 GiB of app.dataVolumeGb`);
    expect(readFileSync(join(volume, '.fs-bytes'), 'utf8').trim()).toBe(String(20 * GIB));
    expect(readFileSync(join(first.root, BOOT_HASH_FILE), 'utf8')).toBe(sha256(before));
    // Once it has, the next boot grows the filesystem.
    writeFileSync(join(volume, '.device-bytes'), String(40 * GIB));
    const later = first.exec(join(first.root, RERUN_HOOK_FILE));
    expect(later.stderr).toBe('');
    expect(later.status).toBe(0);
    expect(readFileSync(join(volume, '.fs-bytes'), 'utf8').trim()).toBe(String(40 * GIB));
  });
});
