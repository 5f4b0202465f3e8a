/** Edit distance between two strings (Levenshtein), for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The closest candidate to `word`, if one is close enough to be a likely typo. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const ranked = candidates
    .map((candidate) => ({ candidate, distance: editDistance(word, candidate) }))
    .toSorted((x, y) => x.distance - y.distance);
  const best = ranked[0];
  if (!best) return undefined;
  const tolerance = Math.max(2, Math.floor(word.length / 3));
  return best.distance <= tolerance ? best.candidate : undefined;
}

/** Up to twelve names, sorted, for a fix that lists what is allowed; the count when there are more. */
export function listed(names: readonly string[]): string {
  const sorted = names.toSorted();
  return `${sorted.slice(0, 12).join(', ')}${sorted.length > 12 ? `, … (${sorted.length} in all)` : ''}`;
}
