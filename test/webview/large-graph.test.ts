import assert from 'node:assert/strict';
import type { JobLiveState } from '../../src/protocol/messages.js';
import { withEditor } from './harness/editor-page.js';
import { bigWorkflowText, viewOf } from './harness/views.js';

const COUNT = 1000;

/** Resolves after the browser has painted what the page holds now. */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

describe(`a ${COUNT.toLocaleString('en')}-job workflow`, () => {
  it('paints every node (times are reported, not asserted)', async function () {
    this.timeout(120_000);
    await withEditor({}, async (editor) => {
      const view = viewOf(bigWorkflowText(COUNT));
      assert.equal(view.graph.nodes.length, COUNT);

      const started = Date.now();
      await editor.send({ type: 'init', view, capabilities: { editable: true, canRun: true } });
      await editor.waitForNodes(COUNT, 110_000);
      await editor.page.evaluate(painted);
      const firstPaint = Date.now() - started;

      // Run state for every job: re-render only, no layout.
      const layouts = await editor.layoutRequests();
      const jobs: JobLiveState[] = view.graph.nodes.map((n, i) => ({
        job: n.id, status: i % 3 === 0 ? 'done' : i % 3 === 1 ? 'running' : 'waiting', fill: '#fff', progress: i % 100, durationMs: i * 100,
      }));
      const recolour = await editor.page.evaluate(async (message) => {
        const t = performance.now();
        window.postMessage(message, '*');
        // No named functions in here: the test runner's transpiler would wrap them in a helper the page lacks.
        const graph = document.querySelector('ccwf-editor')!.shadowRoot!.querySelector('ccwf-graph')!.shadowRoot!;
        while (graph.querySelectorAll('g.node[data-status="running"]').length === 0) await new Promise((r) => setTimeout(r, 1));
        await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
        return performance.now() - t;
      }, { type: 'runState', runId: 'r', jobs, reset: true });
      assert.equal(await editor.page.locator('ccwf-graph g.node[data-status="running"]').count(), 333);
      assert.equal(await editor.layoutRequests(), layouts);

      // Zooming is one attribute, however many nodes.
      const zoom = await editor.page.evaluate(async () => {
        const button = document.querySelector('ccwf-editor')!.shadowRoot!.querySelector<HTMLElement>('[label="Zoom in"]')!;
        const t = performance.now();
        button.click();
        await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
        return performance.now() - t;
      });
      console.log(`      ${COUNT} jobs: layout + first paint ${firstPaint} ms; run state for all ${recolour.toFixed(0)} ms; zoom ${zoom.toFixed(0)} ms`);
    });
  });
});
