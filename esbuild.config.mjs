// One bundle per target (STYLE habit 13): the CLI (ESM for node), the extension (CommonJS,
// because VS Code's extension host loads `main` with require()), the two layout workers and the
// webview (browser). The workers' code goes into the webview bundle as text and is started from
// a blob: URL, because a webview cannot start a worker from its resource origin.
import * as esbuild from 'esbuild';
import { chmod, copyFile, mkdir, readFile, rm } from 'node:fs/promises';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning' };

const cli = {
  ...common,
  platform: 'node',
  target: 'node20',
  // ELK is most of the code and only `ccwf graph` needs it: split it into a chunk loaded on
  // demand. A smaller process also spawns faster (fork copies its page tables), which matters
  // when a run starts thousands of jobs.
  entryPoints: { cli: 'src/cli/bin.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  banner: {
    // Bundled CommonJS dependencies still call require(); give ESM output one.
    // A small young generation keeps the process small, and a small process forks faster:
    // measured on 10,000 jobs, peak RSS 150 -> 113 MB and the run no slower.
    // ssh2 reads __dirname when it loads (ESM has none).
    js: "#!/usr/bin/env -S node --max-semi-space-size=2\nimport { createRequire as __ccwfCreateRequire } from 'node:module';\nimport { fileURLToPath as __ccwfFileUrl } from 'node:url';\nimport { dirname as __ccwfDirname } from 'node:path';\nconst require = __ccwfCreateRequire(import.meta.url);\nconst __filename = __ccwfFileUrl(import.meta.url);\nconst __dirname = __ccwfDirname(__filename);",
  },
  // ssh2's optional native add-ons (faster crypto) cannot be bundled; it loads them in a
  // try/catch and falls back to JavaScript.
  external: ['*.node'],
};

const extension = {
  ...common,
  platform: 'node',
  target: 'node20',
  entryPoints: { extension: 'src/extension/extension.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  external: ['vscode', '*.node'],
};

const layoutWorkers = {
  ...common,
  // Started from a blob, where a separate map would not be found, and an inline one would double
  // the text the webview loads. Without maps, mangling names would only make stack traces
  // unreadable; dropping whitespace alone takes ELK's worker from 3.6 to 1.6 MB.
  sourcemap: false,
  minifyWhitespace: true,
  minifySyntax: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  entryPoints: { 'layout-worker': 'webview/layout-worker.ts', 'layered-layout-worker': 'webview/layered-layout-worker.ts' },
  outdir: 'dist/webview',
};

/** `import workerSource from 'inline-worker:layout-worker'` -> the built worker's text. */
const inlineWorker = {
  name: 'inline-worker',
  setup(build) {
    build.onResolve({ filter: /^inline-worker:/ }, (args) => ({ path: args.path.slice('inline-worker:'.length), namespace: 'inline-worker' }));
    build.onLoad({ filter: /.*/, namespace: 'inline-worker' }, async (args) => ({
      contents: await readFile(`dist/webview/${args.path}.js`, 'utf8'),
      loader: 'text',
    }));
  },
};

const webview = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  format: 'esm',
  entryPoints: { main: 'webview/main.ts' },
  outdir: 'dist/webview',
  // ELK's worker text is imported dynamically, into a chunk of its own, fetched only when a graph
  // needs ELK (webview/layout/layout-client.ts).
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  loader: { '.css': 'text', '.ttf': 'file' },
  plugins: [inlineWorker],
};

/** Codicons are served as files: the page links the stylesheet, the icon elements adopt it. */
async function copyCodicons() {
  await mkdir('dist/webview/codicons', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) await copyFile(`node_modules/@vscode/codicons/dist/${f}`, `dist/webview/codicons/${f}`);
}

if (watch) {
  await copyCodicons();
  for (const t of [cli, extension, layoutWorkers]) await (await esbuild.context(t)).watch();
  await (await esbuild.context(webview)).watch();
} else {
  // Chunk names carry hashes and maps are dropped in production: start from an empty folder so
  // nothing stale is packaged.
  await rm('dist', { recursive: true, force: true });
  await Promise.all([esbuild.build(cli), esbuild.build(extension), esbuild.build(layoutWorkers)]);
  await Promise.all([esbuild.build(webview), copyCodicons()]);
  await chmod('dist/cli.js', 0o755);
}
