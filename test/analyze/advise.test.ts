import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { advise, type AdviceInput } from '../../lib/analyze/advise';
import { loadBlueprint } from '../../lib/spec';

const defaults = { writesPerSecond: undefined, regions: 1, teams: 1, queriesPerRequest: 3, headroom: 0.3, rpsPerInstance: 200, name: 'app' };

describe('tierup advise', () => {
  it.each<[string, Partial<AdviceInput>, number[]]>([
    ['a hobby load', { rps: 10, readRatio: 0.9, dataGb: 1 }, [1, 2]],
    ['a small app with more data than the default data volume', { rps: 60, readRatio: 0.9, dataGb: 50 }, [1]],
    ['a small app with more data than one primary holds', { rps: 60, readRatio: 0.9, dataGb: 3000 }, [5]],
    ['1K rps of repeated reads', { rps: 1000, readRatio: 0.95, dataGb: 50 }, [3]],
    ['a read-heavy 20K rps', { rps: 20_000, readRatio: 0.95, dataGb: 200 }, [4]],
    ['15K writes/s on 4 TB', { rps: 20_000, readRatio: 0.8, dataGb: 4000, writesPerSecond: 15_000 }, [5, 6, 7]],
    ['five teams', { rps: 5000, readRatio: 0.9, dataGb: 100, teams: 5 }, [6]],
    ['users in three regions', { rps: 5000, readRatio: 0.9, dataGb: 100, regions: 3 }, [7]],
  ])('%s', (_name, load, levels) => {
    const advice = advise({ ...defaults, rps: 1, readRatio: 0.9, dataGb: 1, ...load });
    expect(levels).toContain(advice.level);
    expect(advice.reasons.length).toBeGreaterThan(0);
  });

  it('names the trigger of each step', () => {
    const advice = advise({ ...defaults, rps: 20_000, readRatio: 0.95, dataGb: 200 });
    expect(advice.reasons.join('\n')).toMatch(/one server's ceiling/);
    expect(advice.reasons.join('\n')).toMatch(/reads are 19× writes/);
    const shards = advise({ ...defaults, rps: 20_000, readRatio: 0.8, dataGb: 4000, writesPerSecond: 15_000 });
    expect(shards.reasons.join('\n')).toMatch(/15000 writes\/s is beyond ~10000 per primary/);
  });

  it('sizes level 1\'s data volume for the data with the headroom (app.dataVolumeGb), leaving the default when it is enough', () => {
    const advice = advise({ ...defaults, rps: 60, readRatio: 0.9, dataGb: 50 });
    if (advice.level === null) throw new Error('no advice');
    expect(advice.level).toBe(1);
    expect(advice.blueprint).toMatch(/^ {2}dataVolumeGb: 65$/m);
    expect(advice.reasons).toContain('a 65 GiB data volume (app.dataVolumeGb) holds 50 GB of data with 30% headroom; it grows in place');
    const small = advise({ ...defaults, rps: 10, readRatio: 0.9, dataGb: 1 });
    expect(small.level).toBe(1);
    expect(small.level !== null && small.blueprint).not.toMatch(/dataVolumeGb/);
  });

  it.each([1, 4, 5, 7])('emits a starter blueprint that validates (load for level %i)', (level) => {
    const load = { 1: { rps: 10, dataGb: 100 }, 4: { rps: 20_000, dataGb: 200 }, 5: { rps: 20_000, dataGb: 4000, writesPerSecond: 15_000 }, 7: { rps: 5000, dataGb: 100, regions: 3 } }[level]!;
    const advice = advise({ ...defaults, readRatio: 0.95, ...load });
    if (advice.level === null) throw new Error('no advice');
    const file = join(mkdtempSync(join(tmpdir(), 'tierup-advise-')), 'advised.yaml');
    writeFileSync(file, advice.blueprint);
    expect(loadBlueprint(file).spec.level).toBe(advice.level);
  });
});
