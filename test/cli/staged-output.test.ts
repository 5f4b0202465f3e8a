import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../../lib/cli/cli-error';
import { StagedOutput } from '../../lib/cli/staged-output';

describe('StagedOutput', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tierup-staged-'));
    mkdirSync(join(root, 'out/cdk.out'), { recursive: true });
    writeFileSync(join(root, 'out/cdk.out/old.json'), 'previous');
  });

  it('swaps every staged directory in on commit, replacing the previous output', () => {
    const output = StagedOutput.open(join(root, 'out'));
    writeFileSync(join(output.stage('cdk.out'), 'new.json'), 'fresh');
    writeFileSync(join(output.stage('cdktf.out'), 'tf.json'), 'tf');
    output.commit();
    expect(readdirSync(join(root, 'out/cdk.out'))).toEqual(['new.json']);
    expect(readFileSync(join(root, 'out/cdktf.out/tf.json'), 'utf8')).toBe('tf');
    expect(readdirSync(join(root, 'out')).toSorted()).toEqual(['cdk.out', 'cdktf.out']);
  });

  it('leaves the previous output exactly as it was when discarded', () => {
    const output = StagedOutput.open(join(root, 'out'));
    writeFileSync(join(output.stage('cdk.out'), 'half.json'), 'half-written');
    output.discard();
    expect(readdirSync(join(root, 'out/cdk.out'))).toEqual(['old.json']);
    expect(readFileSync(join(root, 'out/cdk.out/old.json'), 'utf8')).toBe('previous');
    expect(readdirSync(join(root, 'out'))).toEqual(['cdk.out']);
  });

  it('removes the folders it made for staging when discarded, and only those', () => {
    mkdirSync(join(root, 'out/kept'));
    const output = StagedOutput.open(join(root, 'out'));
    writeFileSync(join(output.stage('kept/cdk.out'), 'half.json'), 'half-written');
    writeFileSync(join(output.stage('shop-4-fleet/cdk.out'), 'half.json'), 'half-written');
    writeFileSync(join(output.stage('shop-4-fleet/cdktf.out'), 'half.json'), 'half-written');
    output.discard();
    expect(readdirSync(join(root, 'out')).toSorted()).toEqual(['cdk.out', 'kept']);
    expect(readdirSync(join(root, 'out/kept'))).toEqual([]);

    const fresh = StagedOutput.open(join(root, 'fresh/out'));
    writeFileSync(join(fresh.stage('shop/cdk.out'), 'half.json'), 'half-written');
    fresh.discard();
    expect(readdirSync(join(root, 'fresh'))).toEqual([]);
  });

  it('refuses an output path that is a file, with a message that says what to do', () => {
    writeFileSync(join(root, 'file'), 'x');
    expect(() => StagedOutput.open(join(root, 'file'))).toThrow(CliError);
    expect(() => StagedOutput.open(join(root, 'file'))).toThrow(/is a file, not a directory; choose another --out/);
    expect(() => StagedOutput.open(join(root, 'file/sub'))).toThrow(/cannot create output directory .*ENOTDIR/);
    expect(existsSync(join(root, 'file/sub'))).toBe(false);
  });
});
