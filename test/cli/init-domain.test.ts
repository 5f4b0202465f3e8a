import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from './run-cli';

describe('tierup init --domain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierup-init-domain-'));

  it('writes the domain section, the zone taken from the name, and the plan puts CloudFront in front at level 1', () => {
    const file = join(dir, 'one.yaml');
    const run = runCli(['init', '--level', '1', '--name', 'shop', '--domain', 'shop.example.com', '-o', file]);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(parse(readFileSync(file, 'utf8')).domain).toEqual({ name: 'shop.example.com', hostedZone: 'example.com' });
    const plan = JSON.parse(runCli(['explain', file, '--json']).stdout);
    expect(plan.domain).toMatchObject({ name: 'shop.example.com', originName: 'origin.shop.example.com' });
    expect(plan.cdn).toMatchObject({ aliases: ['shop.example.com'], originProtocol: 'https' });
  });

  it('names the same domain in multiRegion at level 7', () => {
    const file = join(dir, 'seven.yaml');
    expect(runCli(['init', '--level', '7', '--region', 'us-east-1', '--region', 'eu-west-1', '--domain', 'www.shop.io', '--hosted-zone', 'shop.io', '-o', file]).status).toBe(0);
    const written = parse(readFileSync(file, 'utf8'));
    expect([written.domain, written.multiRegion.domainName, written.multiRegion.hostedZoneName]).toEqual([{ name: 'www.shop.io', hostedZone: 'shop.io' }, 'www.shop.io', 'shop.io']);
    expect(runCli(['validate', file]).status).toBe(0);
  });

  it.each([
    [['--domain', 'example.com'], /zone apex: give --hosted-zone example.com/],
    [['--domain', 'shop.example.com', '--hosted-zone', 'example.org'], /not inside --hosted-zone example\.org/],
    [['--hosted-zone', 'example.com'], /--hosted-zone needs --domain/],
    [['--domain', 'Shop.Example.com'], /lower-case DNS name/],
  ])('refuses %j with a reason', (args, message) => {
    const run = runCli(['init', ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
