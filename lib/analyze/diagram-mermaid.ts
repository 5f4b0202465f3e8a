import type { DiagramGraph, DiagramNode, NodeKind } from './diagram-graph';

/** Mermaid's node shapes by kind: cylinders for data, stadiums for the edge, subroutines for queues. */
const SHAPES = {
  client: ['((', '))'],
  edge: ['([', '])'],
  dns: ['{{', '}}'],
  compute: ['[', ']'],
  balancer: ['[/', '\\]'],
  database: ['[(', ')]'],
  cache: ['[(', ')]'],
  queue: ['[[', ']]'],
  topic: ['>', ']'],
  storage: ['[(', ')]'],
  parameter: ['[/', '/]'],
} as const satisfies Record<NodeKind, readonly [string, string]>;

/** The graph as a Mermaid flowchart, which GitHub renders in Markdown. */
export function renderMermaid(graph: DiagramGraph): string {
  const lines = ['---', `title: ${graph.title}`, '---', 'flowchart LR'];
  for (const node of graph.nodes.filter((n) => n.group === null)) lines.push(`  ${nodeLine(node)}`);
  for (const group of graph.groups) {
    lines.push(`  subgraph ${group.replace(/-/g, '_')}["${group}"]`);
    for (const node of graph.nodes.filter((n) => n.group === group)) lines.push(`    ${nodeLine(node)}`);
    lines.push('  end');
  }
  for (const edge of graph.edges) {
    const arrow = edge.dashed ? '-.->' : '-->';
    lines.push(`  ${edge.from} ${arrow}${edge.label ? `|"${escape(edge.label)}"|` : ''} ${edge.to}`);
  }
  return `${lines.join('\n')}\n`;
}

function nodeLine(node: DiagramNode): string {
  const [open, close] = SHAPES[node.kind];
  return `${node.id}${open}"${escape(node.label).replace(/\n/g, '<br/>')}"${close}`;
}

function escape(text: string): string {
  return text.replace(/"/g, '#quot;');
}
