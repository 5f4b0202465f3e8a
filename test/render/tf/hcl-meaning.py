"""Reads .tf files with checkov's own HCL parser (python-hcl2's grammar, independent of tierup's writer) and
prints, as one JSON object by file, what each means: blocks by type (labels and body, in order), attributes by
name. Values: numbers, booleans, null, lists and objects as themselves; a quoted string as its template text
with the escapes of its literal parts decoded; any other expression as "${<source without whitespace>}". The
test puts the Terraform JSON into the same form and compares."""
import json
import sys

from hcl2.parser import Hcl2
from lark import Token, Tree

ESCAPES = {'n': '\n', 'r': '\r', 't': '\t', '"': '"', '\\': '\\'}


def squeeze(source):
    """The source of an expression without whitespace outside its quoted strings."""
    out, quoted, at = [], False, 0
    while at < len(source):
        char = source[at]
        if quoted and char == '\\':
            out.append(source[at:at + 2])
            at += 2
            continue
        if char == '"':
            quoted = not quoted
        if quoted or not char.isspace():
            out.append(char)
        at += 1
    return ''.join(out)


def sequence_end(text, start):
    """Index just past the `}` closing the template sequence opened before `start`."""
    depth, at = 0, start
    while at < len(text):
        char = text[at]
        if char == '"':
            at += 1
            while at < len(text) and text[at] != '"':
                at += 2 if text[at] == '\\' else 1
        elif char == '{':
            depth += 1
        elif char == '}':
            if depth == 0:
                return at + 1
            depth -= 1
        at += 1
    raise ValueError('unclosed template sequence: ' + text)


def template(literal):
    """A quoted string's template text: escapes of literal parts decoded, sequences squeezed."""
    text, out, at = literal[1:-1], [], 0
    while at < len(text):
        if text.startswith('$${', at) or text.startswith('%%{', at):
            out.append(text[at:at + 3])
            at += 3
        elif text.startswith('${', at) or text.startswith('%{', at):
            end = sequence_end(text, at + 2)
            out.append(text[at:at + 2] + squeeze(text[at + 2:end - 1]) + '}')
            at = end
        elif text[at] == '\\':
            kind = text[at + 1]
            if kind in ESCAPES:
                out.append(ESCAPES[kind])
                at += 2
            else:
                width = 4 if kind == 'u' else 8
                out.append(chr(int(text[at + 2:at + 2 + width], 16)))
                at += 2 + width
        else:
            out.append(text[at])
            at += 1
    return ''.join(out)


class Reader:
    def __init__(self, source):
        self.source = source

    def slice(self, node):
        if isinstance(node, Token):
            return self.source[node.start_pos:node.end_pos]
        return self.source[node.meta.start_pos:node.meta.end_pos]

    def expression(self, node):
        return '${' + squeeze(self.slice(node)) + '}'

    def value(self, node):
        if isinstance(node, Token):
            return template(str(node)) if node.type == 'STRING_LIT' else self.expression(node)
        children = [child for child in node.children if not (isinstance(child, Token) and child.type == '_NEW_LINE_OR_COMMENT')]
        if node.data == 'expr_term' and len(children) == 1:
            child = children[0]
            if isinstance(child, Token):
                return self.value(child)
            if child.data in ('int_lit', 'float_lit'):
                return json.loads(self.slice(child))
            if child.data == 'identifier' and self.slice(child) in ('true', 'false', 'null'):
                return json.loads(self.slice(child))
            if child.data == 'tuple':
                return [self.value(item) for item in child.children if isinstance(item, Tree)]
            if child.data == 'object':
                return dict(self.element(element) for element in child.children if isinstance(element, Tree))
        if node.data == 'unary_op' and self.slice(node).lstrip().startswith('-'):
            try:
                return json.loads(squeeze(self.slice(node)))
            except ValueError:
                pass
        return self.expression(node)

    def element(self, element):
        key, value = [child for child in element.children if isinstance(child, Tree) or child.type == 'STRING_LIT']
        if isinstance(key, Tree) and key.data == 'identifier':
            name = self.slice(key)
        elif isinstance(key, Tree) and key.data == 'expr_term' and isinstance(key.children[0], Token) and key.children[0].type == 'STRING_LIT':
            name = template(str(key.children[0]))
        else:
            name = self.value(key) if isinstance(key, Tree) else template(str(key))
        return name, self.value(value)

    def body(self, node):
        result = {'attributes': {}, 'blocks': {}}
        for child in node.children:
            if not isinstance(child, Tree):
                continue
            if child.data == 'attribute':
                name, value = [part for part in child.children if isinstance(part, Tree)][:2]
                result['attributes'][self.slice(name)] = self.value(value)
            elif child.data == 'block':
                parts = [part for part in child.children if isinstance(part, Tree) or part.type == 'STRING_LIT']
                kind, labels, inner = self.slice(parts[0]), parts[1:-1], parts[-1]
                result['blocks'].setdefault(kind, []).append({
                    'labels': [template(str(label)) if isinstance(label, Token) else self.slice(label) for label in labels],
                    'body': self.body(inner),
                })
        return result


def main(paths):
    meanings = {}
    for path in paths:
        with open(path, encoding='utf-8') as handle:
            source = handle.read() + '\n'
        tree = Hcl2.lark_parser.parse(source)
        body = next(child for child in tree.children if isinstance(child, Tree) and child.data == 'body')
        meanings[path] = Reader(source).body(body)
    json.dump(meanings, sys.stdout)


main(sys.argv[1:])
