import type { FromWebview } from '../../src/protocol/messages.js';

/**
 * The part of VS Code's webview API the editor uses. Everything talks to this interface, never
 * to `acquireVsCodeApi` directly, so the browser tests can hand in a recording fake.
 */
export interface HostApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  /** Injected by VS Code into every webview; may be called once per page. */
  function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };
}

export function acquireHostApi(): HostApi {
  const api = acquireVsCodeApi();
  return {
    postMessage: (message) => api.postMessage(message),
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}
