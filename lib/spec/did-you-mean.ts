/** Edit distance between two strings (Levenshtein, case-insensitive), for "did you mean" hints. */
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

/**
 * The closest candidate to `word`, if one is close enough to be a likely typo. A candidate equal
 * to the word but for case (`Fleet` → `fleet`), or equal to one of its words (`PriceClass_All` →
 * `all`), wins outright.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameButCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameButCase !== undefined) return sameButCase;
  const words = lower.split(/[^a-z0-9.]+/).filter((part) => part !== '');
  const asWord = words.length > 1 ? candidates.find((candidate) => words.includes(candidate.toLowerCase())) : undefined;
  if (asWord !== undefined) return asWord;
  const best = nearestMatches(word, candidates, 1)[0];
  if (best === undefined) return undefined;
  const tolerance = Math.max(2, Math.floor(word.length / 3));
  if (editDistance(word, best) <= tolerance) return best;
  // A shortened or half-remembered word (`stage`, `prod`, `dev`) shares a long start with what was meant.
  const prefixes = candidates.map((candidate) => commonPrefix(lower, candidate.toLowerCase()));
  const longest = Math.max(...prefixes);
  const unique = prefixes.filter((length) => length === longest).length === 1;
  return unique && longest >= 3 && longest >= Math.min(4, word.length) ? candidates[prefixes.indexOf(longest)] : undefined;
}

function commonPrefix(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/** The `count` candidates nearest to `word` by edit distance, nearest first (ties keep list order). */
export function nearestMatches(word: string, candidates: readonly string[], count: number): string[] {
  return candidates
    .map((candidate, index) => ({ candidate, index, distance: editDistance(word, candidate) }))
    .toSorted((x, y) => x.distance - y.distance || x.index - y.index)
    .slice(0, count)
    .map(({ candidate }) => candidate);
}

/** Up to twelve names, sorted, for a fix that lists what is allowed; the count when there are more. */
export function listed(names: readonly string[]): string {
  const sorted = names.toSorted();
  return `${sorted.slice(0, 12).join(', ')}${sorted.length > 12 ? `, … (${sorted.length} in all)` : ''}`;
}
