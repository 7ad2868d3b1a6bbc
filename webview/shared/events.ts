import type { FromWebview } from '../../src/protocol/messages.js';
import type { Viewport } from '../host/ui-state.js';

/** What the graph can ask of a job's cell: the cell holds the inline rename and delete confirmations. */
export type CellRequest = 'reveal' | 'rename' | 'delete';

/** Events the elements raise; all bubble out of shadow roots up to `<ccwf-editor>`. */
export interface CcwfEventDetails {
  /** Send this message to the extension host. */
  'ccwf-post': FromWebview;
  /** The user selected a job (or cleared the selection). */
  'ccwf-select': { readonly job: string | undefined };
  /** Show the job's cell and start the given action there. */
  'ccwf-cell-request': { readonly job: string; readonly request: CellRequest };
  /** The user panned or zoomed the graph. */
  'ccwf-viewport': Viewport;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ccwf-post': CustomEvent<CcwfEventDetails['ccwf-post']>;
    'ccwf-select': CustomEvent<CcwfEventDetails['ccwf-select']>;
    'ccwf-cell-request': CustomEvent<CcwfEventDetails['ccwf-cell-request']>;
    'ccwf-viewport': CustomEvent<CcwfEventDetails['ccwf-viewport']>;
  }
}

export function emit<K extends keyof CcwfEventDetails>(from: EventTarget, type: K, detail: CcwfEventDetails[K]): void {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
