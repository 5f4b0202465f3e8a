import type { DiagramGraph, DiagramNode, NodeKind } from './diagram-graph';

/** Graphviz shapes and fills by kind. */
const STYLES = {
  client: 'shape=circle, style=filled, fillcolor="#ffffff"',
  edge: 'shape=box, style="rounded,filled", fillcolor="#e8f0fe"',
  dns: 'shape=hexagon, style=filled, fillcolor="#e8f0fe"',
  compute: 'shape=box, style="rounded,filled", fillcolor="#fff4e5"',
  balancer: 'shape=trapezium, style=filled, fillcolor="#ede7f6"',
  database: 'shape=cylinder, style=filled, fillcolor="#e3f2fd"',
  cache: 'shape=cylinder, style=filled, fillcolor="#fde7e7"',
  queue: 'shape=box3d, style=filled, fillcolor="#fff8e1"',
  topic: 'shape=cds, style=filled, fillcolor="#f3e5f5"',
  storage: 'shape=folder, style=filled, fillcolor="#e8f5e9"',
  parameter: 'shape=note, style=filled, fillcolor="#f5f5f5"',
} as const satisfies Record<NodeKind, string>;

/** The graph in Graphviz DOT, one cluster per region. */
export function renderDot(graph: DiagramGraph): string {
  const lines = [
    'digraph tierup {',
    `  label="${escape(graph.title)}"; labelloc=t; rankdir=LR; fontname="Helvetica";`,
    '  node [fontname="Helvetica", fontsize=10]; edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const node of graph.nodes.filter((n) => n.group === null)) lines.push(`  ${nodeLine(node)}`);
  for (const group of graph.groups) {
    lines.push(`  subgraph cluster_${group.replace(/-/g, '_')} {`, `    label="${group}"; style=dashed;`);
    for (const node of graph.nodes.filter((n) => n.group === group)) lines.push(`    ${nodeLine(node)}`);
    lines.push('  }');
  }
  for (const edge of graph.edges) {
    const attributes = [...(edge.label ? [`label="${escape(edge.label)}"`] : []), ...(edge.dashed ? ['style=dashed'] : [])];
    lines.push(`  ${edge.from} -> ${edge.to}${attributes.length ? ` [${attributes.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function nodeLine(node: DiagramNode): string {
  return `${node.id} [label="${escape(node.label)}", ${STYLES[node.kind]}];`;
}

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
