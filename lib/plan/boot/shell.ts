/** A bash word that expands to exactly `value`: single-quoted, with embedded quotes closed and escaped. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Bash that writes `content` to `path` through a quoted here-document (nothing in it is expanded),
 * with `mode`. The delimiter must not be a line of the content; the callers' content is tierup's own.
 */
export function writeFile(path: string, mode: string, content: string, delimiter = 'TIERUP_EOF'): string[] {
  if (content.split('\n').includes(delimiter)) throw new Error(`here-document delimiter ${delimiter} appears in the content of ${path}`);
  return [`install -d -m 0755 "$(dirname "${path}")"`, `cat > "${path}" <<'${delimiter}'`, ...content.replace(/\n$/, '').split('\n'), delimiter, `chmod ${mode} "${path}"`];
}
