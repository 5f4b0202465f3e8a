/**
 * HCL expressions and templates as tokens, written with `terraform fmt`'s spacing.
 *
 * Terraform JSON holds expressions inside strings (`"${replace(aws_x.y.arn, ":a:", ":b:")}"`): the text
 * outside `${...}` is a template's literal, the text inside is native HCL. Writing them as HCL means escaping
 * the literals for a quoted string while copying the expressions, then spacing every token as `terraform fmt`
 * does (hclwrite's `spaceAfterToken`, https://github.com/hashicorp/hcl/blob/main/hclwrite/format.go), so the
 * file is already formatted.
 */

/** The token kinds hclwrite's spacing rules tell apart (hclsyntax's names, shortened). */
export type HclTokenKind =
  | 'ident' | 'number' | 'oquote' | 'lit' | 'cquote' | 'interp' | 'control' | 'seqend'
  | 'obrace' | 'cbrace' | 'obrack' | 'cbrack' | 'oparen' | 'cparen'
  | 'comma' | 'dot' | 'colon' | 'question' | 'equal' | 'arrow' | 'ellipsis' | 'minus' | 'op' | 'bang' | 'star' | 'dcolon';

/** One token and the text it is written as. */
export interface HclToken {
  readonly kind: HclTokenKind;
  readonly text: string;
}

const OPENERS: ReadonlySet<HclTokenKind> = new Set(['obrace', 'obrack', 'oparen', 'interp', 'control']);
const CLOSERS: ReadonlySet<HclTokenKind> = new Set(['cbrace', 'cbrack', 'cparen', 'seqend']);

/**
 * Tokens of a Terraform JSON string, read as the template it is: a quoted string whose literal parts are
 * escaped for HCL (`"`, `\`, control characters) and whose `${...}` / `%{...}` sequences are HCL as written.
 */
export function templateTokens(value: string): HclToken[] {
  const tokens: HclToken[] = [{ kind: 'oquote', text: '"' }];
  const next = scanTemplate(value, 0, tokens, false);
  tokens.push({ kind: 'cquote', text: '"' });
  // Text that is no template (it would not parse as one in Terraform JSON either) is written as a literal.
  return next === value.length ? tokens : literalTokens(value);
}

/**
 * The expression a template stands for when it is nothing but one interpolation (`"${aws_vpc.network.id}"`),
 * which HCL evaluates to the expression's own value, unconverted; null for any other template.
 */
export function soleInterpolation(tokens: readonly HclToken[]): HclToken[] | null {
  if (tokens.length < 5 || tokens[1].kind !== 'interp' || tokens[1].text !== '${' || tokens.at(-2)?.kind !== 'seqend') return null;
  const inside = tokens.slice(2, -2);
  let depth = 0;
  for (const token of inside) {
    if (token.kind === 'oquote') depth += 1;
    else if (token.kind === 'cquote') depth -= 1;
    else if (depth === 0 && (token.kind === 'interp' || token.kind === 'control' || token.kind === 'seqend' || token.kind === 'lit')) return null;
  }
  return inside;
}

/** Tokens of a plain string value, quoted, with nothing in it read as a template sequence. */
export function literalTokens(value: string): HclToken[] {
  return [{ kind: 'oquote', text: '"' }, { kind: 'lit', text: escapeLiteral(value.replace(/([$%])\{/g, '$1$1{')) }, { kind: 'cquote', text: '"' }];
}

/**
 * Writes tokens on one line with `terraform fmt`'s spacing. `after` is the token before the first one
 * (`=` for an attribute's value), which decides whether a leading `-` is a negation.
 */
export function formatTokens(tokens: readonly HclToken[], before: HclToken | null = null): string {
  let text = '';
  tokens.forEach((token, index) => {
    if (index > 0 && spaceAfter(tokens[index - 1], index > 1 ? tokens[index - 2] : before, token)) text += ' ';
    text += token.text;
  });
  return text;
}

/** A bare reference such as `aws_vpc.network` or `aws.eu_west_1` (meta-arguments take these, not strings). */
export function referenceTokens(reference: string): HclToken[] {
  const inner = /^\$\{([\s\S]*)\}$/.exec(reference)?.[1] ?? reference;
  return scanExpression(inner, 0, [], null).tokens;
}

function bracketChange(token: HclToken | null): number {
  if (token === null) return 0;
  if (OPENERS.has(token.kind)) return 1;
  return CLOSERS.has(token.kind) ? -1 : 0;
}

/** hclwrite's spaceAfterToken (hcl v2, hclwrite/format.go), rule for rule and in its order. */
function spaceAfter(subject: HclToken, before: HclToken | null, after: HclToken): boolean {
  const is = (token: HclToken | null, ...kinds: HclTokenKind[]): boolean => token !== null && kinds.includes(token.kind);
  switch (true) {
    case is(subject, 'ident') && is(after, 'oparen'): return false;
    case (is(subject, 'ident') && is(after, 'dcolon')) || (is(subject, 'dcolon') && is(after, 'ident')): return false;
    case is(subject, 'dot') || is(after, 'dot'): return false;
    case is(after, 'comma', 'ellipsis'): return false;
    case is(subject, 'comma'): return true;
    case is(subject, 'lit', 'oquote') || is(after, 'lit', 'cquote'): return false;
    case is(subject, 'ident') && subject.text === 'in' && is(before, 'ident'): return true;
    case is(after, 'obrack') && (is(subject, 'ident', 'number') || bracketChange(subject) < 0): return false;
    case is(subject, 'bang'): return false;
    case is(subject, 'minus'): return !(before === null || is(before, 'oparen', 'obrace', 'obrack', 'equal', 'colon', 'comma', 'question', 'op', 'star', 'minus', 'bang'));
    case is(subject, 'obrace') || is(after, 'cbrace'): return !(is(subject, 'obrace') && is(after, 'cbrace'));
    case is(subject, 'interp', 'control') && is(after, 'obrace'): return true;
    case is(subject, 'cbrace') && is(after, 'seqend'): return true;
    case is(subject, 'seqend') && is(after, 'interp', 'control'): return false;
    case bracketChange(subject) > 0: return false;
    case bracketChange(after) < 0: return false;
    default: return true;
  }
}

/**
 * Reads template text from `start` until its end (or, when `quoted`, its closing quote), pushing tokens.
 * Literal text is escaped unless `quoted` (then it is HCL source already). Returns where it stopped.
 */
function scanTemplate(text: string, start: number, tokens: HclToken[], quoted: boolean): number {
  let at = start;
  let literal = '';
  const flush = () => {
    if (literal !== '') tokens.push({ kind: 'lit', text: quoted ? literal : escapeLiteral(literal) });
    literal = '';
  };
  while (at < text.length) {
    const char = text[at];
    if (quoted && char === '"') break;
    if (quoted && char === '\\') { literal += text.slice(at, at + 2); at += 2; continue; }
    if ((char === '$' || char === '%') && text[at + 1] === char && text[at + 2] === '{') { literal += text.slice(at, at + 3); at += 3; continue; }
    if ((char === '$' || char === '%') && text[at + 1] === '{') {
      flush();
      const strip = text[at + 2] === '~';
      tokens.push({ kind: char === '$' ? 'interp' : 'control', text: `${char}{${strip ? '~' : ''}` });
      const inner = scanExpression(text, at + (strip ? 3 : 2), tokens, 'template');
      if (inner.end < 0) return -1;
      at = inner.end;
      continue;
    }
    literal += char;
    at += 1;
  }
  flush();
  return at;
}

const PUNCTUATION: readonly (readonly [string, HclTokenKind])[] = [
  ['...', 'ellipsis'], ['=>', 'arrow'], ['==', 'op'], ['!=', 'op'], ['<=', 'op'], ['>=', 'op'], ['&&', 'op'], ['||', 'op'], ['::', 'dcolon'],
  ['(', 'oparen'], [')', 'cparen'], ['[', 'obrack'], [']', 'cbrack'], [',', 'comma'], ['.', 'dot'], [':', 'colon'], ['?', 'question'],
  ['=', 'equal'], ['!', 'bang'], ['<', 'op'], ['>', 'op'], ['+', 'op'], ['-', 'minus'], ['*', 'star'], ['/', 'op'], ['%', 'op'],
];

/**
 * Reads an expression from `start`, pushing tokens. Inside a template (`until: 'template'`) it stops after the
 * `}` that closes the sequence (a `seqend` token). Returns where it stopped, -1 when the text is not HCL.
 */
function scanExpression(text: string, start: number, tokens: HclToken[], until: 'template' | null): { tokens: HclToken[]; end: number } {
  const braces: number[] = [];
  let at = start;
  while (at < text.length) {
    const char = text[at];
    if (/\s/.test(char)) { at += 1; continue; }
    if (char === '~' && text[at + 1] === '}' && until === 'template' && braces.length === 0) { at += 1; continue; }
    if (char === '}') {
      if (braces.length === 0) {
        if (until !== 'template') return { tokens, end: -1 };
        tokens.push({ kind: 'seqend', text: text[at - 1] === '~' ? '~}' : '}' });
        return { tokens, end: at + 1 };
      }
      braces.pop();
      tokens.push({ kind: 'cbrace', text: '}' });
      at += 1;
      continue;
    }
    if (char === '{') { braces.push(at); tokens.push({ kind: 'obrace', text: '{' }); at += 1; continue; }
    if (char === '"') {
      tokens.push({ kind: 'oquote', text: '"' });
      const end = scanTemplate(text, at + 1, tokens, true);
      if (end < 0 || text[end] !== '"') return { tokens, end: -1 };
      tokens.push({ kind: 'cquote', text: '"' });
      at = end + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*|^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(at, at + 200))?.[0];
    if (word !== undefined) {
      tokens.push({ kind: /^[0-9]/.test(word) ? 'number' : 'ident', text: word });
      at += word.length;
      continue;
    }
    const mark = PUNCTUATION.find(([symbol]) => text.startsWith(symbol, at));
    if (mark === undefined) return { tokens, end: -1 };
    tokens.push({ kind: mark[1], text: mark[0] });
    at += mark[0].length;
  }
  return { tokens, end: until === 'template' ? -1 : at };
}

/** Escapes a literal for a quoted HCL string (https://developer.hashicorp.com/terraform/language/expressions/strings). */
function escapeLiteral(value: string): string {
  return value.replace(/[\\"\u0000-\u001f\u007f]/g, (char) => {
    switch (char) {
      case '\\': return '\\\\';
      case '"': return '\\"';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}
