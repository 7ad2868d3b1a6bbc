import assert from 'node:assert/strict';
import { parseWorkflow } from '../../src/core/parse/parse-workflow.js';
import { reduceEvents, type RunState } from '../../src/core/store/run-state.js';
import type { RunEvent } from '../../src/core/store/events.js';
import { DEFAULT_COLORS } from '../../src/core/model/status.js';
import type { Workflow } from '../../src/core/model/workflow.js';
import { buildGraphModel, renderLabel, type GraphModel } from '../../src/core/graph/graph-model.js';
import { layoutGraph, toElkGraph, type LaidOutGraph } from '../../src/core/graph/elk-layout.js';
import { renderSvg } from '../../src/core/graph/render-svg.js';
import { toDot, toJson, toMermaid } from '../../src/core/graph/text-formats.js';

const EVIL = '<evil> & "name"';
const EVIL_XML = '&lt;evil&gt; &amp; &quot;name&quot;';

const YAML = `
jobs:
  fetch: { run: echo a }
  train: { run: echo b, needs: [fetch] }
  "<evil> & \\"name\\"": { run: echo c, needs: [train] }
`;

function workflowOf(text: string): Workflow {
  const { workflow, diagnostics } = parseWorkflow(text);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  return workflow;
}

/** fetch done after 2 s, train running at 40 %, the evil job not started. */
function runningState(): RunState {
  const events: RunEvent[] = [
    { t: 1000, type: 'run-start', runId: 'r1', workflowFile: '/w.ccwf', jobs: ['fetch', 'train', EVIL], pid: 1, hostname: 'h', concurrency: 2 },
    { t: 1000, type: 'job-start', job: 'fetch', attempt: 1, host: 'local', logOffset: 0 },
    { t: 3000, type: 'job-end', job: 'fetch', attempt: 1, status: 'done', exitCode: 0 },
    { t: 3000, type: 'job-start', job: 'train', attempt: 1, host: 'local', logOffset: 0 },
    { t: 3500, type: 'job-progress', job: 'train', progress: 40 },
  ];
  return reduceEvents(events)!;
}

/**
 * Enough of an XML parser to prove well-formedness of what renderSvg writes: one root, balanced
 * tags, quoted attributes, no `<` in text, every `&` an entity.
 */
function assertWellFormedXml(xml: string): void {
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"<]*")*)\s*(\/?)>/y;
  const bareAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const stack: string[] = [];
  let roots = 0;
  let at = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const text = xml.slice(at, lt < 0 ? xml.length : lt);
    assert.doesNotMatch(text, bareAmp, `bare & in text near ${at}`);
    if (stack.length === 0) assert.match(text, /^\s*$/, `text outside the root near ${at}`);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    assert.ok(m, `malformed tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [whole, close, name, attrs, selfClosing] = m;
    assert.doesNotMatch(attrs!, bareAmp, `bare & in attributes of <${name}>`);
    const attrNames = [...attrs!.matchAll(/([\w.:-]+)="/g)].map((a) => a[1]);
    assert.equal(new Set(attrNames).size, attrNames.length, `duplicate attribute in <${name}>`);
    if (close) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name!);
    }
    at = lt + whole.length;
  }
  assert.deepEqual(stack, [], 'unclosed elements');
  assert.equal(roots, 1, 'exactly one root element');
}

/** The `<g>` drawn for one job. */
function nodeGroup(svg: string, escapedName: string): string {
  const start = svg.indexOf(`<g class="node" data-job="${escapedName}"`);
  assert.ok(start >= 0, `no node for ${escapedName}`);
  return svg.slice(start, svg.indexOf('</g>', start));
}

const byId = (laid: LaidOutGraph) => new Map(laid.nodes.map((n) => [n.id, n]));

describe('graph model', () => {
  it('has a node per job and an edge per need, from the needed job to the job that needs it', () => {
    const model = buildGraphModel(workflowOf(YAML));
    assert.deepEqual(model.nodes.map((n) => n.id), ['fetch', 'train', EVIL]);
    assert.deepEqual(model.nodes.map((n) => n.label), ['fetch', 'train', EVIL]);
    assert.deepEqual(model.edges.map((e) => [e.source, e.target]), [['fetch', 'train'], ['train', EVIL]]);
    assert.equal(new Set(model.edges.map((e) => e.id)).size, model.edges.length);
    const fetch = model.nodes[0]!;
    assert.equal(fetch.command, 'echo a');
    assert.equal(fetch.host, 'local');
    assert.equal(fetch.hostKind, 'local');
  });

  it('without a run every job is waiting, in the waiting colour', () => {
    const model = buildGraphModel(workflowOf(YAML));
    for (const node of model.nodes) {
      assert.equal(node.status, 'waiting');
      assert.equal(node.fill, DEFAULT_COLORS.waiting);
      assert.equal(node.progress, undefined);
    }
  });

  it('takes status, progress, duration and colour from the run', () => {
    const nodes = new Map(buildGraphModel(workflowOf(YAML), runningState()).nodes.map((n) => [n.id, n]));
    assert.deepEqual([nodes.get('fetch')!.status, nodes.get('fetch')!.fill, nodes.get('fetch')!.durationMs], ['done', DEFAULT_COLORS.done, 2000]);
    assert.deepEqual([nodes.get('train')!.status, nodes.get('train')!.fill, nodes.get('train')!.progress], ['running', DEFAULT_COLORS.running, 40]);
    assert.equal(nodes.get(EVIL)!.status, 'waiting');
  });

  it('draws no edge to a job that does not exist', () => {
    const { workflow } = parseWorkflow('jobs:\n  a: { run: x, needs: [ghost] }\n  b: { run: y, needs: [a] }\n');
    assert.deepEqual(buildGraphModel(workflow).edges.map((e) => [e.source, e.target]), [['a', 'b']]);
  });

  it('renders cloudmesh-cc label templates with \\n and -- for a colon', () => {
    const wf = workflowOf(`
workflow:
  nodes:
    a:
      name: a
      label: '{name}\\nprogress--{progress} {unknown}'
      exec: echo a
`);
    assert.equal(buildGraphModel(wf).nodes[0]!.label, 'a\nprogress:0 {unknown}');
    // Only the template is rewritten, never a substituted job name.
    assert.equal(renderLabel('{name}--x', { name: 'my--job' }), 'my--job:x');
    assert.equal(renderLabel('{constructor}', {}), '{constructor}');
  });
});

describe('ELK layout', () => {
  it('builds ELK input without running ELK: safe ids, sized nodes, downward layered layout', () => {
    const elk = toElkGraph(buildGraphModel(workflowOf(YAML)));
    assert.equal(elk.layoutOptions!['elk.algorithm'], 'layered');
    assert.equal(elk.layoutOptions!['elk.direction'], 'DOWN');
    assert.deepEqual(elk.children!.map((c) => c.id), ['n0', 'n1', 'n2']);
    for (const c of elk.children!) assert.ok(c.width! > 0 && c.height! > 0);
    assert.deepEqual(elk.edges!.map((e) => [e.sources, e.targets]), [[['n0'], ['n1']], [['n1'], ['n2']]]);
  });

  it('sizes a node to its text: a longer name makes a wider node', () => {
    const [short, long] = toElkGraph(buildGraphModel(workflowOf('jobs:\n  a: { run: x }\n  a_rather_long_job_name_indeed: { run: x }\n'))).children!;
    assert.ok(long!.width! > short!.width!);
  });

  it('puts every job below the jobs it needs, with edges from source to target', async () => {
    const laid = await layoutGraph(buildGraphModel(workflowOf(YAML)));
    const nodes = byId(laid);
    for (const edge of laid.edges) {
      const [source, target] = [nodes.get(edge.source)!, nodes.get(edge.target)!];
      assert.ok(target.y >= source.y + source.height, `${edge.target} is not below ${edge.source}`);
      assert.ok(edge.points.length >= 2);
      assert.ok(Math.abs(edge.points[0]!.y - (source.y + source.height)) < 1, 'edge starts at the source');
      assert.ok(Math.abs(edge.points.at(-1)!.y - target.y) < 1, 'edge ends at the target');
    }
    for (const n of laid.nodes) assert.ok(n.x + n.width <= laid.width && n.y + n.height <= laid.height);
  });

  it('lays out 1,000 independent jobs and a chain of 200', async () => {
    const lines = ['jobs:'];
    for (let i = 0; i < 1000; i++) lines.push(`  solo${i}: { run: x }`);
    for (let i = 0; i < 200; i++) lines.push(`  chain${i}: { run: x${i > 0 ? `, needs: [chain${i - 1}]` : ''} }`);
    const model = buildGraphModel(workflowOf(lines.join('\n')));
    const laid = await layoutGraph(model);
    assert.equal(laid.nodes.length, 1200);
    assert.equal(laid.edges.length, 199);
    const nodes = byId(laid);
    for (let i = 1; i < 200; i++) assert.ok(nodes.get(`chain${i}`)!.y > nodes.get(`chain${i - 1}`)!.y);
    for (const n of laid.nodes) assert.ok(Number.isFinite(n.x) && Number.isFinite(n.y));
    assertWellFormedXml(renderSvg(laid));
  });
});

describe('SVG', () => {
  let laid: LaidOutGraph;
  let svg: string;
  before(async () => {
    laid = await layoutGraph(buildGraphModel(workflowOf(YAML), runningState()));
    svg = renderSvg(laid, { title: 'demo & <co>' });
  });

  it('is well-formed standalone SVG', () => {
    assertWellFormedXml(svg);
    assert.match(svg, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="[\d.]+" height="[\d.]+" viewBox="0 0 [\d.]+ [\d.]+"/);
    assert.ok(svg.includes('<title>demo &amp; &lt;co&gt;</title>'));
  });

  it('escapes job names everywhere', () => {
    assert.ok(!svg.includes('<evil>'));
    assert.ok(!svg.includes('"name"'));
    for (const name of ['fetch', 'train', EVIL_XML]) nodeGroup(svg, name);
    assert.ok(svg.includes(`font-weight="bold">${EVIL_XML}</text>`));
    assert.ok(svg.includes(`<title>${EVIL_XML}&#10;`));
  });

  it('fills nodes by status and shows progress of running jobs', () => {
    assert.ok(nodeGroup(svg, 'fetch').includes(`fill="${DEFAULT_COLORS.done}"`));
    assert.ok(nodeGroup(svg, EVIL_XML).includes(`fill="${DEFAULT_COLORS.waiting}"`));
    const train = nodeGroup(svg, 'train');
    assert.ok(train.includes(`fill="${DEFAULT_COLORS.running}"`));
    assert.ok(train.includes('local · running 40%'));
    const track = Number(/class="progress-track" x="6" y="[\d.]+" width="([\d.]+)"/.exec(train)![1]);
    const bar = Number(/class="progress" x="6" y="[\d.]+" width="([\d.]+)"/.exec(train)![1]);
    assert.ok(Math.abs(bar - track * 0.4) < 0.02);
    assert.ok(!nodeGroup(svg, 'fetch').includes('progress'));
  });

  it('draws each edge as a path with the one arrowhead marker', () => {
    assert.equal(svg.match(/<marker /g)!.length, 1);
    assert.equal(svg.match(/<path class="edge" d="M[\d.,]+( L[\d.,]+)+"[^>]*marker-end="url\(#ccwf-arrow\)"/g)!.length, 2);
  });

  it('is deterministic', async () => {
    const again = await layoutGraph(buildGraphModel(workflowOf(YAML), runningState()));
    assert.equal(renderSvg(again, { title: 'demo & <co>' }), svg);
  });

  it('survives names XML cannot hold and picks readable text on dark fills', () => {
    const laidOut: LaidOutGraph = {
      width: 100,
      height: 60,
      edges: [],
      nodes: [{ id: 'ctl\u0001\ud800', label: 'ctl\u0001', host: 'local', hostKind: 'local', command: '', status: 'failed', fill: 'navy', x: 0, y: 0, width: 100, height: 60 }],
    };
    const out = renderSvg(laidOut);
    assertWellFormedXml(out);
    assert.ok(out.includes('data-job="ctl\uFFFD\uFFFD"'));
    assert.ok(out.includes('fill="#ffffff" font-weight="bold"'));
  });
});

describe('DOT, Mermaid and JSON', () => {
  let model: GraphModel;
  before(() => {
    model = buildGraphModel(workflowOf(YAML), runningState());
  });

  it('DOT has every edge, quoted and escaped ids, and status fill colours', () => {
    const dot = toDot(model);
    assert.match(dot, /^digraph "workflow" \{\n/);
    assert.ok(dot.includes('"fetch" -> "train";'));
    assert.ok(dot.includes('"train" -> "<evil> & \\"name\\"";'));
    assert.ok(dot.includes(`"fetch" [label="fetch\\nlocal · done", fillcolor="${DEFAULT_COLORS.done}"`));
    assert.ok(dot.includes('label="<evil> &amp; \\"name\\"\\nlocal · waiting"'));
    assert.ok(dot.includes('local · running 40%'));
  });

  it('DOT doubles backslashes so a name ending in one cannot end the string', () => {
    const dot = toDot(buildGraphModel(workflowOf("jobs:\n  'tail\\': { run: x }\n  b: { run: y, needs: ['tail\\'] }\n")));
    assert.ok(dot.includes('"tail\\\\" -> "b";'));
  });

  it('Mermaid uses safe ids, escapes labels and has every edge', () => {
    const mermaid = toMermaid(model);
    assert.match(mermaid, /^flowchart TD\n/);
    assert.ok(mermaid.includes('  n0 --> n1\n'));
    assert.ok(mermaid.includes('  n1 --> n2\n'));
    assert.ok(mermaid.includes('n2["#60;evil#62; #38; #34;name#34;<br/>local · waiting"]'));
    assert.ok(!mermaid.includes('<evil>'));
    assert.ok(mermaid.includes(`classDef running fill:${DEFAULT_COLORS.running}`));
    assert.ok(mermaid.includes('class n1 running'));
  });

  it('JSON is the model', () => {
    assert.deepEqual(JSON.parse(toJson(model)), model);
  });
});
