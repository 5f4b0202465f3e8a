import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHILD_TMPDIR } from './cli/run-cli';

/**
 * The README's terminal samples are real runs: every fenced block with `$ ` lines is run (in a scratch
 * directory holding the examples and test/fixtures/readme/*), and its output must match what the
 * block shows. A line `…` stands for any lines; a line ending in `…` for any line that starts so.
 */
const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist/bin/tierup.js');

interface Sample {
  readonly command: string;
  readonly expected: readonly string[];
}

function samplesOf(markdown: string): Sample[][] {
  const blocks = [...markdown.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((match) => match[1].split('\n').slice(0, -1));
  return blocks
    .filter((lines) => lines.some((line) => line.startsWith('$ ')))
    .map((lines) => {
      const samples: { command: string; expected: string[] }[] = [];
      for (const line of lines) {
        if (line.startsWith('$ ')) samples.push({ command: line.slice(2), expected: [] });
        else if (samples.length > 0) samples.at(-1)!.expected.push(line);
      }
      return samples;
    });
}

/** Whether `actual` lines match `expected`, with `…` lines as wildcards. */
export function matches(expected: readonly string[], actual: readonly string[]): boolean {
  const trimmed = [...expected];
  while (trimmed.length > 0 && trimmed.at(-1) === '') trimmed.pop();
  const go = (e: number, a: number): boolean => {
    if (e === trimmed.length) return a === actual.length;
    const line = trimmed[e];
    if (line.trim() === '…') {
      for (let skip = a; skip <= actual.length; skip++) if (go(e + 1, skip)) return true;
      return false;
    }
    if (a >= actual.length) return false;
    const ok = line.endsWith('…') ? actual[a].startsWith(line.slice(0, -1)) : actual[a] === line;
    return ok && go(e + 1, a + 1);
  };
  return go(0, 0);
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = samplesOf(readme);

describe('README samples are real CLI output', () => {
  const work = mkdtempSync(join(tmpdir(), 'tierup-readme-'));
  symlinkSync(join(ROOT, 'blueprints'), join(work, 'blueprints'));
  for (const file of readdirSync(join(ROOT, 'test/fixtures/readme'))) copyFileSync(join(ROOT, 'test/fixtures/readme', file), join(work, file));

  it('has samples to check', () => {
    expect(blocks.length).toBeGreaterThan(5);
  });

  it.each(blocks.map((samples) => [samples.map((sample) => sample.command).join(' && '), samples] as const))('%s', (_name, samples) => {
    for (const sample of samples) {
      const script = `tierup() { node '${CLI}' "$@"; }\n${sample.command} 2>&1`;
      let output: string;
      try {
        output = execFileSync('sh', ['-c', script], { cwd: work, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: 'true', NO_COLOR: '1', TMPDIR: CHILD_TMPDIR } });
      } catch (error) {
        // A sample that never ends (a watcher, a prompt) fails here rather than hanging the suite.
        if ((error as { signal?: string }).signal === 'SIGTERM') throw new Error(`README sample did not finish within 120 s: ${sample.command}`);
        output = String((error as { stdout?: string }).stdout ?? '');
      }
      const actual = output === '' ? [] : output.replace(/\n$/, '').split('\n');
      if (!matches(sample.expected, actual)) {
        // Shows both, so a stale sample is easy to refresh.
        expect({ command: sample.command, output: actual }).toEqual({ command: sample.command, output: sample.expected });
      }
    }
  });
});

describe('the sample matcher', () => {
  it.each([
    [['a', '…', 'd'], ['a', 'b', 'c', 'd'], true],
    [['a', 'b…'], ['a', 'bcd'], true],
    [['a', 'b'], ['a', 'c'], false],
    [['a'], ['a', 'extra'], false],
    [['a', '…'], ['a'], true],
  ])('%j against %j → %s', (expected, actual, result) => {
    expect(matches(expected, actual)).toBe(result);
  });
});
