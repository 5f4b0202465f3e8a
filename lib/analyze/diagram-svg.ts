import type { DiagramGraph } from './diagram-graph';
import { renderDot } from './diagram-dot';

/**
 * The graph as SVG, laid out by Graphviz compiled to WebAssembly (@viz-js/viz): no system
 * Graphviz, no network. The same DOT gives the same bytes.
 */
export async function renderSvg(graph: DiagramGraph): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  return viz.renderString(renderDot(graph), { format: 'svg' });
}
