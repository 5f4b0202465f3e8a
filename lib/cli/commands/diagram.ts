import type { CommandModule } from 'yargs';
import { loadPlans } from '../load-plans';
import { type GlobalOptions, runCommand } from '../run-command';
import { writeOutputFile } from '../write-output-file';

interface DiagramOptions extends GlobalOptions {
  readonly spec: string;
  readonly format: 'mermaid' | 'dot' | 'svg';
  readonly output?: string;
}

/** `tierup diagram`: the architecture as Mermaid, Graphviz DOT or SVG. */
export const diagramCommand: CommandModule<GlobalOptions, DiagramOptions> = {
  command: 'diagram <spec>',
  describe: 'Draw the architecture: Mermaid (default), DOT or SVG',
  builder: (yargs) => yargs
    .positional('spec', { type: 'string', demandOption: true, describe: 'blueprint file' })
    .option('format', { choices: ['mermaid', 'dot', 'svg'] as const, default: 'mermaid' as const, describe: 'output format' })
    .option('output', { alias: 'o', type: 'string', describe: 'write to this file instead of standard output' }),
  handler: (argv) => runCommand(argv, async () => {
    const { diagramGraph } = await import('../../analyze/diagram-graph');
    const [{ plan }] = loadPlans([argv.spec]);
    const graph = diagramGraph(plan);
    let text: string;
    if (argv.format === 'svg') text = await (await import('../../analyze/diagram-svg')).renderSvg(graph);
    else if (argv.format === 'dot') text = (await import('../../analyze/diagram-dot')).renderDot(graph);
    else text = (await import('../../analyze/diagram-mermaid')).renderMermaid(graph);
    if (argv.output) {
      writeOutputFile(argv.output, text, '-o');
    } else {
      process.stdout.write(text);
    }
  }),
};
