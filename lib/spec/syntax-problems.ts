import type { LineCounter, YAMLError } from 'yaml';
import type { SpecProblem } from './spec-error';

/**
 * JSON syntax errors in the user's terms, or null when the text is valid JSON. JSON.parse names a
 * character offset (or none, at the end of the input); this turns it into a line and column.
 */
export function jsonSyntaxProblem(text: string, file: string): SpecProblem | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    const offset = /at position (\d+)/.exec(message)?.[1];
    const end = text.trimEnd().length;
    const at = offset === undefined ? end : Math.min(Number(offset), end);
    const { line, column } = lineAndColumn(text, at);
    const endOfInput = at >= end;
    const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected end of JSON input$/, 'the file ends early');
    return {
      file, line, column, field: '',
      message: endOfInput ? 'JSON syntax: the file ends before every `{` and `[` is closed (is it truncated?)' : `JSON syntax: ${lowerFirst(reason)}`,
      fix: endOfInput ? 'complete the file: close each open `{` with `}` and `[` with `]`' : 'correct the JSON at that position (quotes, commas between fields, no trailing comma)',
    };
  }
}

/**
 * YAML syntax errors in the user's terms, one problem per mistake: the parser often reports one
 * mistake twice (a wrong indentation gives "nested mappings" and "implicit keys" at one place) and a
 * tab once per indented line; those collapse into one problem each. A tab also misaligns every line
 * after it, so where tabs indent, they are the one problem reported: the rest is their echo, and a
 * second run shows whatever remains once they are spaces.
 */
export function yamlSyntaxProblems(errors: readonly YAMLError[], text: string, lines: LineCounter, file: string): SpecProblem[] {
  const sourceLines = text.split('\n');
  const problems: SpecProblem[] = [];
  const tabs = errors.filter((error) => error.code === 'TAB_AS_INDENT');
  if (tabs.length > 0) {
    const tabLines = [...new Set(tabs.map((error) => lines.linePos(error.pos[0]).line))];
    const first = lines.linePos(tabs[0].pos[0]);
    problems.push({
      file, line: first.line, column: first.col, field: '',
      message: `YAML syntax: ${plural(tabLines, 'line')} ${tabLines.join(', ')} ${tabLines.length === 1 ? 'is' : 'are'} indented with a tab; YAML indents with spaces only`,
      fix: 'correct the YAML: replace each tab at the start of a line with spaces (two per level, as in the rest of the file)',
    });
    return problems;
  }
  for (const error of errors) {
    if (error.code === 'TAB_AS_INDENT') continue;
    const position = lines.linePos(error.pos[0]);
    const problem = describeYamlError(error, position, sourceLines, file);
    if (!problems.some((known) => known.line === problem.line)) problems.push(problem);
  }
  return problems.toSorted((a, b) => a.line - b.line || a.column - b.column);
}

function describeYamlError(error: YAMLError, position: { line: number; col: number }, sourceLines: readonly string[], file: string): SpecProblem {
  const base = { file, field: '' };
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const colonInValue = unquotedColonValue(sourceLines[position.line - 1] ?? '');
      if (colonInValue) {
        return {
          ...base, line: position.line, column: colonInValue.column,
          message: `YAML syntax: the value of \`${colonInValue.key}\` contains \`: \`, which YAML reads as a field inside it`,
          fix: `quote the value: \`${colonInValue.key}: "${colonInValue.value}"\``,
        };
      }
      // The value on this line is followed by a line indented further: as if the value held fields.
      const next = nextContentLine(sourceLines, position.line);
      const key = /^\s*(?:-\s+)?([^:#]+):/.exec(sourceLines[position.line - 1] ?? '')?.[1]?.trim();
      const indent = indentOf(sourceLines[position.line - 1] ?? '');
      if (next !== undefined) {
        return {
          ...base, line: next, column: indentOf(sourceLines[next - 1]) + 1,
          message: `YAML syntax: line ${next} is indented further than line ${position.line}${key ? ` (\`${key}:\`)` : ''}, which already has a value`,
          fix: `correct the YAML: indent line ${next} by ${indent} space${indent === 1 ? '' : 's'}, like line ${position.line}, or nest it under a field that ends with \`:\``,
        };
      }
      break;
    }
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      if (/^Flow (sequence|map)/.test(error.message)) {
        const list = error.message.startsWith('Flow sequence');
        return {
          ...base, line: position.line, column: position.col,
          message: `YAML syntax: a ${list ? '`[ … ]` list' : '`{ … }` mapping'} is not closed before line ${position.line}`,
          fix: `correct the YAML: close it with \`${list ? ']' : '}'}\` on the line where it starts, and check its commas and quotes`,
        };
      }
      if (error.code === 'MISSING_CHAR') break;
      return {
        ...base, line: position.line, column: position.col,
        message: `YAML syntax: line ${position.line} starts at a different column from the fields beside it`,
        fix: 'correct the YAML: indent it like the field above it at the same level (spaces only)',
      };
    case 'DUPLICATE_KEY':
      return { ...base, line: position.line, column: position.col, message: `YAML syntax: ${firstLine(error.message)} (a field appears twice)`, fix: 'keep one of the two; correct the YAML at that position' };
    default:
      break;
  }
  return {
    ...base, line: position.line, column: position.col,
    message: `YAML syntax: ${firstLine(error.message)}`,
    fix: 'correct the YAML at that position (indentation, quotes, colons)',
  };
}

/**
 * `key: some: value` on one line: the value holds a colon followed by a space (or ends with one), which YAML
 * takes for a nested mapping. Null when the line is not that (the value is quoted, or a flow collection).
 */
function unquotedColonValue(line: string): { key: string; value: string; column: number } | null {
  const match = /^(\s*(?:-\s+)?)([^\s:#'"][^:#]*?):\s+([^'"{[\s#][^#]*?)\s*(?:#.*)?$/.exec(line);
  if (!match) return null;
  const [, lead, key, value] = match;
  if (!/:(\s|$)/.test(value)) return null;
  return { key: key.trim(), value, column: line.indexOf(value, lead.length + key.length) + 1 };
}

function nextContentLine(sourceLines: readonly string[], afterLine: number): number | undefined {
  for (let index = afterLine; index < sourceLines.length; index++) {
    if (sourceLines[index].trim() !== '' && !sourceLines[index].trim().startsWith('#')) return index + 1;
  }
  return undefined;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function plural(items: readonly unknown[], noun: string): string {
  return items.length === 1 ? noun : `${noun}s`;
}
