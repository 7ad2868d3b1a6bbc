// The page under test: exactly the extension's page (same HTML, same CSP), plus a theme and a
// fake `acquireVsCodeApi`, both carrying the page's nonce as VS Code's own injections would.
import { randomBytes } from 'node:crypto';
import { webviewHtml } from '../../../webview/webview-html.js';
import { themeCss, type Theme } from './palettes.js';

/** What the fake API records, on `window.__ccwf`. */
export interface PageRecord {
  posted: unknown[];
  state: unknown;
  /** Messages the page sent to any worker: the layout requests. */
  workerMessages: number;
  violations: string[];
}

/**
 * Runs in the page before the bundle. Plain JavaScript text, not a compiled function: the test
 * runner's transpiler may add helpers that do not exist in the page.
 */
const FAKE_HOST = `(function (initialState, layoutError) {
  var record = { posted: [], state: initialState, workerMessages: 0, violations: [] };
  window.__ccwf = record;
  var acquired = false;
  window.acquireVsCodeApi = function () {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      // A JSON round trip: what crosses to the host must be plain data.
      postMessage: function (m) { record.posted.push(JSON.parse(JSON.stringify(m))); },
      getState: function () { return record.state; },
      setState: function (s) { record.state = JSON.parse(JSON.stringify(s)); },
    };
  };
  document.addEventListener('securitypolicyviolation', function (e) {
    record.violations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  });
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    record.workerMessages++;
    if (layoutError) {
      // Answer as a failing layout worker would.
      var worker = this;
      setTimeout(function () {
        worker.dispatchEvent(new MessageEvent('message', { data: { id: message.id, error: layoutError } }));
      }, 10);
      return;
    }
    return post.apply(this, arguments);
  };
})`;

export function testPageHtml(origin: string, theme: Theme, initialState: unknown, layoutError?: string): string {
  const nonce = randomBytes(16).toString('base64');
  const html = webviewHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/main.js`,
    codiconsUri: `${origin}/codicons/codicon.css`,
    title: 'ccwf webview test',
  });
  const json = (v: unknown) => JSON.stringify(v ?? null).replace(/</g, '\\u003c');
  const injected = `<style nonce="${nonce}">${themeCss(theme)}</style>
<script nonce="${nonce}">${FAKE_HOST}(${json(initialState)}, ${json(layoutError)});</script>
`;
  return html.replace('</head>', `${injected}</head>`);
}
