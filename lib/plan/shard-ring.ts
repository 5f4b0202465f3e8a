import { fnv1a32 } from './naming';

/**
 * The consistent-hashing ring of the `hash` shard strategy, as the routing layer must build it
 * from the published map: every node contributes `virtualNodes` points at fnv1a32("<node>#<i>"),
 * and a key belongs to the first point at or after fnv1a32(key), wrapping around.
 * Adding a node takes over only the arcs before its own points: about 1/N of the keys move.
 */
export class ShardRing {
  private readonly points: readonly { readonly token: number; readonly node: number }[];

  constructor(readonly nodes: readonly string[], readonly virtualNodes: number) {
    this.points = nodes
      .flatMap((node, index) =>
        Array.from({ length: virtualNodes }, (_, v) => ({ token: fnv1a32(`${node}#${v}`), node: index })),
      )
      .toSorted((a, b) => a.token - b.token || a.node - b.node);
  }

  /** The index of the node (shard) that owns `key`. */
  shardOf(key: string): number {
    const token = fnv1a32(key);
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
