// The workflow editor's webview: wires the host API to <ccwf-editor>. The host sends nothing
// before `ready`, and `ready` goes out only once the listener below is in place.
// First, so its `script` mark times the start of the bundle's evaluation.
import { mark } from './shared/perf.js';
import type { ToWebview } from '../src/protocol/messages.js';
import './editor/ccwf-editor.js';
import { parseToWebview } from './host/incoming.js';
import { UiStateStore } from './host/ui-state.js';
import { acquireHostApi, type HostApi } from './host/vscode-api.js';
import { prestartLayoutWorker } from './layout/layout-client.js';

/** The page's global reset: VS Code pads the body of every webview; the editor fills it. */
function adoptPageStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

export function start(api: HostApi): void {
  // Boots while the host parses the file, so the first layout does not wait for it.
  prestartLayoutWorker();
  adoptPageStyles();
  const editor = document.querySelector('ccwf-editor') ?? document.body.appendChild(document.createElement('ccwf-editor'));
  editor.connect(api, new UiStateStore(api));

  const dispatch = (message: ToWebview): void => {
    switch (message.type) {
      case 'init':
        editor.init(message.view, message.capabilities);
        return;
      case 'view':
        editor.setView(message.view);
        return;
      case 'viewPatch':
        // A patch for another view than ours (never expected): start over from a fresh `init`.
        if (!editor.applyPatch(message.patch)) api.postMessage({ type: 'ready' });
        return;
      case 'capabilities':
        editor.setCapabilities(message.capabilities);
        return;
      case 'runState':
        editor.applyRunState(message.jobs, message.reset === true);
        return;
      case 'select':
        editor.selectFromHost(message.job);
        return;
      case 'editFailed':
        editor.showNotice(message.reason);
        return;
      default: {
        const never: never = message;
        return never;
      }
    }
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseToWebview(event.data);
    if (message?.type === 'init' || message?.type === 'view' || message?.type === 'viewPatch') mark(message.type);
    if (message) dispatch(message);
  });
  const report = (message: string) => api.postMessage({ type: 'error', message });
  window.addEventListener('error', (e) => report(`${e.message} (${e.filename}:${e.lineno})`));
  window.addEventListener('unhandledrejection', (e) => report(`Unhandled rejection: ${e.reason instanceof Error ? e.reason.message : String(e.reason)}`));
  api.postMessage({ type: 'ready' });
}

start(acquireHostApi());
