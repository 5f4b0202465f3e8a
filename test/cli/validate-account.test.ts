import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

// `tierup validate` (plain, fast) refuses what AWS would refuse and warns of deprecated fields, at the line.

describe('tierup validate: account rules, versions and types', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierup-validate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const level4 = readFileSync(join(__dirname, '..', '..', 'blueprints', 'shop-4-fleet.yaml'), 'utf8');
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('rejects a mistyped instance type with file, line, field and a did-you-mean fix', () => {
    const file = write('typo.yaml', level4.replace('instanceType: t3.small', 'instanceType: m7g.larg'));
    const run = runCli(['validate', file]);
    expect(run.status).toBe(1);
    expect(run.stderr + run.stdout).toMatch(/typo\.yaml:\d+:\d+: error `app\.instanceType`: "m7g\.larg" is not an EC2 instance type[^\n]*\n\s+fix: did you mean `m7g\.large`\?/);
  });

  it('rejects engine version 9.9.9 and accepts 8.4 for MySQL', () => {
    expect(runCli(['validate', write('bad.yaml', level4.replace('engine: postgres', 'engine: postgres\n  engineVersion: "9.9.9"'))]).status).toBe(1);
    expect(runCli(['validate', write('good.yaml', level4.replace('engine: postgres', 'engine: mysql\n  engineVersion: "8.4"'))]).status).toBe(0);
  });

  it('refuses, at its line, PostgreSQL 16.4, which RDS has not created since 2025-10-01, and suggests the major', () => {
    const run = runCli(['validate', write('retired.yaml', level4.replace('engine: postgres', 'engine: postgres\n  engineVersion: "16.4"'))]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/retired\.yaml:30:\d+: error `database\.engineVersion`: \[engine-version-lifecycle\] RDS has refused to create PostgreSQL 16\.4 since 2025-10-01[^\n]*\n\s+fix: write `engineVersion: "16"`/);
    expect(JSON.parse(runCli(['validate', '--json', write('retired.yaml', level4.replace('engine: postgres', 'engine: postgres\n  engineVersion: "16.4"'))]).stdout))
      .toMatchObject({ ok: false, blueprints: [{ accountFindings: [{ rule: 'engine-version-lifecycle', severity: 'error', path: ['database', 'engineVersion'] }] }] });
  });

  it('warns, at its line, that terraform.backend.s3.dynamodbTable is deprecated, and still accepts it', () => {
    const text = `${level4.trimEnd()}\nterraform:\n  backend: { s3: { bucket: tf-state, key: shop.tfstate, region: us-east-1, dynamodbTable: tf-locks } }\n`;
    const line = text.split('\n').findIndex((row) => row.includes('dynamodbTable')) + 1;
    const run = runCli(['validate', write('locks.yaml', text)]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`locks\\.yaml:${line}:\\d+: warning \`terraform\\.backend\\.s3\\.dynamodbTable\`: \\[deprecated\\] [^\\n]*use_lockfile`));
  });
});
