import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECURITY_INVARIANTS } from '../../lib/analyze/security-invariants';
import { NAG_ACKNOWLEDGEMENTS } from '../../lib/render/cfn/nag';

// docs/security.md lists every acknowledgement and invariant exactly as the code states them.
describe('docs/security.md', () => {
  const docs = readFileSync(join(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');
  const rows = (header: string) => docs.split('\n').filter((line) => line.startsWith('| `')).filter((line) => line.split(' | ').length === header.split(' | ').length);

  it('lists every cdk-nag acknowledgement with its rule, place and reason, and nothing else', () => {
    const expected = Object.values(NAG_ACKNOWLEDGEMENTS).map((ack) => `| \`${ack.rule}\` | ${ack.where} | ${ack.reason} |`);
    expect(rows('| rule | where | reason |').filter((line) => line.startsWith('| `AwsSolutions-'))).toEqual(expected);
  });

  it('lists every security invariant with its summary', () => {
    const expected = SECURITY_INVARIANTS.map((invariant) => `| \`${invariant.id}\` | ${invariant.productionOnly ? 'yes' : 'no'} | ${invariant.summary} |`);
    expect(rows('| invariant | production only | what it demands |').filter((line) => !line.startsWith('| `AwsSolutions-'))).toEqual(expected);
  });
});
