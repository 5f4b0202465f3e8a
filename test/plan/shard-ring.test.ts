import { ringHash, ShardRing, shardNodeNames } from '../../lib/plan';

const KEY_COUNT = 20_000;
const keys = Array.from({ length: KEY_COUNT }, (_, index) => `user-${index}`);

function ownership(ring: ShardRing): number[] {
  return keys.map((key) => ring.shardOf(key));
}

describe('ShardRing', () => {
  it('moves about a quarter of the keys when growing from 3 to 4 shards', () => {
    const before = ownership(new ShardRing(shardNodeNames(3), 64));
    const after = ownership(new ShardRing(shardNodeNames(4), 64));
    const moved = before.filter((shard, index) => shard !== after[index]).length / KEY_COUNT;
    expect(moved).toBeGreaterThan(0.15);
    expect(moved).toBeLessThan(0.35);
  });

  it('moves keys only onto the new shard', () => {
    const before = ownership(new ShardRing(shardNodeNames(3), 64));
    const after = ownership(new ShardRing(shardNodeNames(4), 64));
    const destinations = new Set(after.filter((shard, index) => shard !== before[index]));
    expect([...destinations]).toEqual([3]);
  });

  it.each([2, 4, 8])('balances keys over %i shards within ±35%% of the mean', (count) => {
    const counts = Array.from({ length: count }, () => 0);
    for (const shard of ownership(new ShardRing(shardNodeNames(count), 64))) counts[shard] += 1;
    const mean = KEY_COUNT / count;
    for (const owned of counts) {
      expect(owned).toBeGreaterThan(mean * 0.65);
      expect(owned).toBeLessThan(mean * 1.35);
    }
  });

  it('maps every key into 0..n-1 and is deterministic', () => {
    const first = ownership(new ShardRing(shardNodeNames(5), 16));
    const second = ownership(new ShardRing(shardNodeNames(5), 16));
    expect(first).toEqual(second);
    expect(first.every((shard) => shard >= 0 && shard < 5)).toBe(true);
  });

  it('wraps around: a key hashing past the last point belongs to the first point', () => {
    const ring = new ShardRing(['only'], 1);
    expect(keys.slice(0, 100).every((key) => ring.shardOf(key) === 0)).toBe(true);
  });
});

describe('ringHash', () => {
  // Test vectors for routing layers in other languages (docs/upper-levels.md lists the same values).
  it.each([
    ['', 2872998923],
    ['shard-0#0', 1829351087],
    ['user-42', 2083131798],
  ])('hashes %j to %i', (text, expected) => {
    expect(ringHash(text)).toBe(expected);
  });

  it('routes the documented example keys over four shards', () => {
    const ring = new ShardRing(shardNodeNames(4), 64);
    expect(['user-42', '42', 'alice', '1001'].map((key) => ring.shardOf(key))).toEqual([0, 1, 2, 0]);
  });
});
