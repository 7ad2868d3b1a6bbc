// The layout of ordinary graphs, by ELK, off the UI thread. esbuild builds this file as its own
// bundle; the webview imports its text as a chunk and starts it from a blob: URL (the one worker
// source the page's CSP allows). Large graphs go to layered-layout-worker.ts instead.
import { layoutGraph } from '../src/core/graph/elk-layout.js';
import { serveLayouts } from './layout/serve-layouts.js';

serveLayouts((graph) => layoutGraph(graph));
