import { fnv1a32 } from './naming';

/**
 * The ring's hash ("fnv1a-32-fmix32"): FNV-1a over the UTF-8 bytes, then MurmurHash3's 32-bit
 * finalizer. FNV-1a alone barely mixes a string's last bytes, so "shard-0#0" … "shard-0#63" landed
 * side by side and the ring gave one shard almost twice its share; the finalizer spreads them.
 */
export function ringHash(text: string): number {
  let hash = fnv1a32(text);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * The consistent-hashing ring of the `hash` shard strategy, as the routing layer must build it
 * from the published map: every node contributes `virtualNodes` points at ringHash("<node>#<i>"),
 * and a key belongs to the first point at or after ringHash(key), wrapping around.
 * Adding a node takes over only the arcs before its own points: about 1/N of the keys move.
 */
export class ShardRing {
  private readonly points: readonly { readonly token: number; readonly node: number }[];

  constructor(readonly nodes: readonly string[], readonly virtualNodes: number) {
    this.points = nodes
      .flatMap((node, index) =>
        Array.from({ length: virtualNodes }, (_, v) => ({ token: ringHash(`${node}#${v}`), node: index })),
      )
      .toSorted((a, b) => a.token - b.token || a.node - b.node);
  }

  /** The index of the node (shard) that owns `key`. */
  shardOf(key: string): number {
    const token = ringHash(key);
    let low = 0;
    let high = this.points.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.points[middle].token < token) low = middle + 1;
      else high = middle;
    }
    return this.points[low === this.points.length ? 0 : low].node;
  }
}

/** Shard node names as they appear on the ring: "shard-0" … "shard-n-1". */
export function shardNodeNames(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `shard-${index}`);
}
