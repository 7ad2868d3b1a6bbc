import type { HostApi } from './vscode-api.js';

/** Pan and zoom of the graph: screen = graph * k + (x, y). */
export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

/**
 * What survives the webview being hidden and shown again (VS Code reloads it, because the editor
 * does not retain hidden webviews): everything else comes back from the host in `init`.
 */
export interface UiState {
  readonly viewport?: Viewport;
  readonly selected?: string;
  /** Position of the graph/notebook divider, as `vscode-split-layout` writes it ("45%"). */
  readonly split?: string;
}

const SAVE_DELAY_MS = 100;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Whatever `getState` returns (older versions, nothing at all) becomes a valid state. */
export function readUiState(api: HostApi): UiState {
  const raw = api.getState();
  if (typeof raw !== 'object' || raw === null) return {};
  const s = raw as Record<string, unknown>;
  const v = s.viewport as Record<string, unknown> | undefined;
  const viewport = v && finite(v.x) && finite(v.y) && finite(v.k) && v.k > 0 ? { x: v.x, y: v.y, k: v.k } : undefined;
  return {
    ...(viewport ? { viewport } : {}),
    ...(typeof s.selected === 'string' ? { selected: s.selected } : {}),
    ...(typeof s.split === 'string' && /^\d+(\.\d+)?(%|px)$/.test(s.split) ? { split: s.split } : {}),
  };
}

/** Coalesces the many updates of a zoom gesture into one `setState` (each one crosses to the host). */
export class UiStateStore {
  private state: UiState;
  private pending = false;

  constructor(private readonly api: HostApi) {
    this.state = readUiState(api);
  }

  get current(): UiState {
    return this.state;
  }

  update(patch: Partial<UiState>): void {
    this.state = { ...this.state, ...patch };
    if (this.pending) return;
    this.pending = true;
    setTimeout(() => {
      this.pending = false;
      this.api.setState(this.state);
    }, SAVE_DELAY_MS);
  }
}
