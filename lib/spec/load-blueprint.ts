import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { type BlueprintSpec, blueprintSpecSchema } from './blueprint-schema';
import { closestMatch, nearestMatches } from './did-you-mean';
import { jsonSyntaxProblem, yamlSyntaxProblems } from './syntax-problems';
import { acceptsAt, allowedKeysAt, choicesOf, describeChoices, schemaAt } from './schema-walk';
import { checkRules, type RuleIssue } from './rules';
import { formatPath, SpecError, type SpecProblem } from './spec-error';

/** A blueprint that passed every check, with the file it came from. */
export interface LoadedBlueprint {
  readonly file: string;
  readonly spec: BlueprintSpec;
}

/** Reads, parses and checks a blueprint file; throws {@link SpecError} with every problem found. */
export function loadBlueprint(file: string): LoadedBlueprint {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SpecError([wholeFile(file, readFailure(error), 'check the path, or create a blueprint with `tierup init > blueprint.yaml`')]);
  }
  return parseBlueprint(text, file);
}

/** Parses and checks blueprint text (YAML or JSON); `file` names it in errors. */
export function parseBlueprint(text: string, file: string): LoadedBlueprint {
  if (text.includes('\u0000') || text.includes('\uFFFD')) {
    throw new SpecError([wholeFile(file, 'is not a text file (it holds binary data)', 'point tierup at a YAML or JSON blueprint')]);
  }
  if (text.trim() === '' || /^(\s*#.*\n?)*\s*$/.test(text)) {
    throw new SpecError([wholeFile(file, 'is empty', 'write a blueprint; `tierup init --name shop --level 1` prints a starter')]);
  }
  if (/\.json$/i.test(file) || text.trimStart().startsWith('{')) {
    const problem = jsonSyntaxProblem(text, file);
    if (problem) throw new SpecError([problem]);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) throw new SpecError(yamlSyntaxProblems(document.errors, text, lines, file));
  const raw: unknown = document.toJS({ maxAliasCount: 100 });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SpecError([{ ...locate(document, lines, file, []), field: '', message: `holds a ${Array.isArray(raw) ? 'list' : typeof raw}, not a mapping of fields`, fix: 'start the file with `name:` and `level:` lines' }]);
  }
  const parsed = blueprintSpecSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SpecError(parsed.error.issues.flatMap((issue) => problemsOfZodIssue(issue, document, lines, file)));
  }
  const issues = checkRules(parsed.data, raw as Record<string, unknown>);
  if (issues.length > 0) {
    throw new SpecError(issues.map((issue) => problemOfRule(issue, document, lines, file)));
  }
  return { file, spec: parsed.data };
}

function problemOfRule(issue: RuleIssue, document: Document, lines: LineCounter, file: string): SpecProblem {
  return { ...locate(document, lines, file, issue.path, issue.atKey), field: formatPath(issue.path), message: issue.message, fix: issue.fix };
}

function problemsOfZodIssue(issue: z.core.$ZodIssue, document: Document, lines: LineCounter, file: string): SpecProblem[] {
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  const base = { field: formatPath(path) };
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const allowed = allowedKeysAt(path);
        const suggestion = closestMatch(key, allowed);
        return {
          ...locate(document, lines, file, [...path, key], true),
          field: formatPath([...path, key]),
          message: `unknown field "${key}"`,
          fix: suggestion ? `did you mean "${suggestion}"?` : `remove it; allowed here: ${allowed.join(', ')}`,
        };
      });
    case 'invalid_type': {
      const missing = valueAt(document, path) === undefined;
      return [{
        ...locate(document, lines, file, path), ...base,
        message: missing ? 'is required and missing' : `must be ${article(issue.expected)}, not ${describeValue(valueAt(document, path))}`,
        fix: missing ? `add \`${String(path.at(-1))}:${exampleFor(path)}\`` : `write ${article(issue.expected)} here`,
      }];
    }
    case 'invalid_value': {
      if (path.length === 1 && path[0] === 'version') {
        return [{ ...locate(document, lines, file, path), ...base, message: `format version "${String(valueAt(document, path))}" is not supported`, fix: 'write `version: 1`; this tierup reads blueprint format version 1' }];
      }
      return [{ ...locate(document, lines, file, path), ...base, ...choiceProblem(path, valueAt(document, path), issue.values as (string | number)[]) }];
    }
    case 'invalid_union': {
      const given = valueAt(document, path);
      if (given === undefined) {
        return [{ ...locate(document, lines, file, path), ...base, message: 'is required and missing', fix: `add \`${String(path.at(-1))}:${exampleFor(path)}\`` }];
      }
      const schema = schemaAt(path);
      const choices = schema ? choicesOf(schema) : [];
      if (choices.length > 0) return [{ ...locate(document, lines, file, path), ...base, ...choiceProblem(path, given, choices) }];
      return [{
        ...locate(document, lines, file, path), ...base,
        message: `has an unexpected value "${String(given)}"`,
        fix: 'see `tierup schema` for the values this field takes',
      }];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
      const isCustom = !issue.message.startsWith('Too ');
      const counted = issue.origin === 'array' ? 'entries' : issue.origin === 'string' ? 'characters' : '';
      if (path[0] === 'level' && path.length === 1) {
        return [{ ...locate(document, lines, file, path), ...base, message: `${String(valueAt(document, path))} is not a level`, fix: 'use 1-7 or a level name: single-server, separate-db, cache, fleet, sharded, microservices, multi-region' }];
      }
      return [{
        ...locate(document, lines, file, path), ...base,
        message: isCustom ? issue.message : `must be ${bound}${counted ? ' ' + counted : ''}`,
        fix: `use a value ${bound}${counted ? ' ' + counted : ''}`,
      }];
    }
    default: {
      // Custom messages of tierup's schemas already say what the value must look like.
      const given = valueAt(document, path);
      const lowered = typeof given === 'string' ? given.toLowerCase() : undefined;
      return [{
        ...locate(document, lines, file, path), ...base,
        message: `"${String(given)}" is not accepted: ${issue.message}`,
        fix: lowered !== undefined && lowered !== given && acceptsAt(path, lowered)
          ? `did you mean "${lowered}"? (names are lower-case)`
          : 'change the value as described; `tierup schema` lists what each field accepts',
      }];
    }
  }
}

/** The line and column of the node at `path`, or of its deepest existing ancestor. */
function locate(document: Document, lines: LineCounter, file: string, path: readonly (string | number)[], atKey = false) {
  let node: unknown = document.contents;
  let offset = (document.contents as Node | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      const keyOffset = (pair.key as Node).range?.[0];
      if (atKey && segment === path.at(-1) && keyOffset !== undefined) {
        offset = keyOffset;
        break;
      }
      node = pair.value;
      offset = (pair.value as Node | null)?.range?.[0] ?? keyOffset ?? offset;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      offset = (node as Node).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  const position = lines.linePos(offset);
  return { file, line: position.line, column: position.col };
}

function valueAt(document: Document, path: readonly (string | number)[]): unknown {
  return path.length === 0 ? document.toJS() : document.getIn(path);
}

function wholeFile(file: string, message: string, fix: string): SpecProblem {
  return { file, line: 0, column: 0, field: '', message, fix };
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EISDIR') return 'is a directory, not a blueprint file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  return `cannot be read (${code ?? 'unknown error'})`;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} "${String(value)}"`;
}

function exampleFor(path: readonly (string | number)[]): string {
  const examples: Record<string, string> = { name: ' shop', level: ' 1', cron: ' "30 8 * * MON-FRI"', pathPattern: ' "/orders/*"', count: ' 2', domainName: ' shop.example.com', hostedZoneName: ' example.com' };
  return examples[String(path.at(-1))] ?? ' <value>';
}

/** The line and column of a field of blueprint text, for problems found after parsing (overrides, while rendering). */
export function locateField(text: string, file: string, path: readonly (string | number)[], atKey = false): { file: string; line: number; column: number } {
  const lines = new LineCounter();
  return locate(parseDocument(text, { lineCounter: lines }), lines, file, path, atKey);
}

/** Up to this many choices are listed in full; beyond, the nearest few. */
const LISTED_CHOICES = 10;

/**
 * An enum-like field holds a value it does not take: name the choices (or the nearest few) and the
 * likely intended one. A quoted number (`"100"`) where the number is meant is said as such.
 */
function choiceProblem(path: readonly (string | number)[], given: unknown, choices: readonly (string | number)[]): Pick<SpecProblem, 'message' | 'fix'> {
  const words = choices.map(String);
  const text = String(given);
  // A number is never a typo of another number: 9 is not "did you mean 1".
  const suggestion = typeof given === 'number' ? undefined : closestMatch(text, words);
  // Aliases that differ only by case (`all`, `All`) are listed once.
  const shown = choices.filter((choice, index) => words.findIndex((word) => word.toLowerCase() === String(choice).toLowerCase()) === index);
  const chosen = suggestion === undefined ? undefined : choices[words.indexOf(suggestion)];
  const what = path[0] === 'level' && path.length === 1 ? 'a level' : path.some((segment) => segment === 'regions' || segment === 'region') ? 'an AWS region' : undefined;
  const described = describeChoices(shown);
  const listed = described.split(', ').length <= LISTED_CHOICES
    ? `accepted: ${described}`
    : `nearest: ${nearestMatches(text, words, 3).join(', ')} (${choices.length} accepted; \`tierup schema\` lists them)`;
  const message = `"${text}" is not ${what ?? 'an accepted value'}; ${listed}`;
  if (chosen === undefined) return { message, fix: listed.startsWith('accepted') ? 'write one of the accepted values' : 'write one of the nearest values, or one `tierup schema` lists' };
  if (typeof chosen === 'number' && typeof given === 'string' && text.trim() === String(chosen)) return { message, fix: `write ${chosen} without quotes: it is a number` };
  return { message, fix: `did you mean ${typeof chosen === 'number' ? chosen : `"${chosen}"`}?` };
}
