import { css } from 'lit';

// Every colour is a theme variable, so light, dark and high-contrast themes each get their own.
export const graphStyles = css`
  :host {
    display: block;
    position: relative;
    height: 100%;
    min-height: 0;
    overflow: hidden;
    background: var(--vscode-editor-background);
    --edge: color-mix(in srgb, var(--vscode-foreground) 38%, transparent);
    --edge-hi: var(--vscode-focusBorder);
    --node-bg: var(--vscode-editorWidget-background, var(--vscode-editor-background));
    --node-border: var(--vscode-editorWidget-border, var(--vscode-widget-border, var(--vscode-contrastBorder)));
  }
  .surface {
    position: absolute;
    inset: 0;
    cursor: grab;
    user-select: none;
    -webkit-user-select: none;
    touch-action: none;
    outline: none;
  }
  .surface.panning {
    cursor: grabbing;
  }
  .canvas {
    display: block;
    width: 100%;
    height: 100%;
    font-family: var(--vscode-font-family);
    font-size: 12px;
  }

  /* Edges */
  .edge .line {
    fill: none;
    stroke: var(--edge);
    stroke-width: 1.5;
  }
  .edge .hit {
    fill: none;
    stroke: transparent;
    stroke-width: 12;
    pointer-events: stroke;
    cursor: pointer;
  }
  .edge.related .line {
    stroke: var(--edge-hi);
  }
  .edge.selected .line {
    stroke: var(--edge-hi);
    stroke-width: 2.5;
  }
  .edge:hover .line {
    stroke-width: 2.5;
  }
  .arrow-head {
    fill: var(--edge);
  }
  .arrow-head.hi {
    fill: var(--edge-hi);
  }
  .edge-delete {
    cursor: pointer;
  }
  .edge-delete circle {
    fill: var(--vscode-editorWidget-background);
    stroke: var(--vscode-focusBorder);
    stroke-width: 1.5;
  }
  .edge-delete .glyph {
    fill: var(--vscode-foreground);
    font-size: 13px;
  }
  .edge-delete:hover circle {
    fill: var(--vscode-toolbar-hoverBackground, var(--vscode-list-hoverBackground));
  }
  .link-preview {
    fill: none;
    stroke: var(--edge-hi);
    stroke-width: 2;
    stroke-dasharray: 5 4;
    pointer-events: none;
  }
  .link-preview.refused {
    stroke: var(--vscode-errorForeground);
  }

  /* Nodes: the status tints the frame and colours the stripe and the status icon. */
  .node {
    --status: var(--vscode-disabledForeground);
    --tint: 0%;
    --frame-stroke: var(--node-border);
    cursor: pointer;
    outline: none;
  }
  .node.s-ready { --status: var(--vscode-foreground); }
  .node.s-submitted { --status: var(--vscode-charts-yellow); --tint: 14%; }
  .node.s-running { --status: var(--vscode-charts-blue); --tint: 16%; }
  .node.s-done { --status: var(--vscode-charts-green); --tint: 14%; }
  .node.s-failed { --status: var(--vscode-charts-red); --tint: 18%; }
  .node.s-skipped { --status: var(--vscode-disabledForeground); --tint: 6%; }
  .node.s-cancelled { --status: var(--vscode-descriptionForeground); --tint: 8%; }
  .node:not(.s-waiting):not(.s-ready) {
    --frame-stroke: color-mix(in srgb, var(--status) 55%, var(--node-border));
  }
  .frame {
    fill: color-mix(in srgb, var(--status) var(--tint), var(--node-bg));
    stroke: var(--frame-stroke);
    stroke-width: 1;
  }
  .stripe {
    fill: var(--status);
  }
  .node:hover .frame {
    stroke: var(--vscode-focusBorder);
  }
  .node.selected .frame,
  .node:focus-visible .frame {
    stroke: var(--vscode-focusBorder);
    stroke-width: 2;
  }
  .node.drop-ok .frame {
    stroke: var(--vscode-focusBorder);
    stroke-width: 2.5;
    stroke-dasharray: 4 3;
  }
  .node.drop-refused .frame {
    stroke: var(--vscode-errorForeground);
    stroke-width: 2;
  }
  .node.drop-refused {
    cursor: not-allowed;
  }
  text {
    fill: var(--vscode-foreground);
    dominant-baseline: alphabetic;
  }
  .heading {
    font-weight: 600;
  }
  .host,
  .duration,
  .label-line {
    fill: var(--vscode-descriptionForeground);
  }
  .duration {
    font-variant-numeric: tabular-nums;
  }
  .glyph {
    font-family: codicon;
    font-size: 14px;
    fill: var(--vscode-icon-foreground, var(--vscode-foreground));
  }
  .glyph.host {
    fill: var(--vscode-descriptionForeground);
  }
  .glyph.status {
    fill: var(--status);
  }
  .s-running .glyph.status {
    animation: spin 1.5s linear infinite;
    transform-box: fill-box;
    transform-origin: center;
  }
  .track {
    fill: color-mix(in srgb, var(--vscode-progressBar-background) 25%, transparent);
  }
  .bar {
    fill: var(--vscode-progressBar-background);
    transition: width 0.3s ease-out;
  }
  .bar.indeterminate {
    animation: slide 1.6s ease-in-out infinite;
  }
  .port {
    fill: var(--vscode-editor-background);
    stroke: var(--vscode-focusBorder);
    stroke-width: 1.5;
    cursor: crosshair;
    opacity: 0;
    transition: opacity 0.1s;
  }
  .node:hover .port,
  .node.selected .port,
  .node:focus-visible .port {
    opacity: 1;
  }
  .port:hover {
    fill: var(--vscode-focusBorder);
  }

  /* Far out, text is unreadable anyway; leaving it out keeps big graphs fluid. */
  .low-detail .label-line,
  .low-detail .host,
  .low-detail .glyph.host,
  .low-detail .duration,
  .low-detail .port {
    display: none;
  }
  .no-text text {
    display: none;
  }

  /* Overlays */
  .busy,
  .message {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    color: var(--vscode-descriptionForeground);
    pointer-events: none;
  }
  .busy.corner {
    inset: auto 12px 12px auto;
    padding: 4px 8px;
    border-radius: 4px;
    background: var(--vscode-editorWidget-background);
    border: 1px solid var(--vscode-editorWidget-border, transparent);
  }
  .busy.corner vscode-progress-ring {
    width: 16px;
    height: 16px;
  }
  .message.error {
    color: var(--vscode-errorForeground);
    padding: 24px;
    text-align: center;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @keyframes slide {
    0% { transform: translateX(0); }
    50% { transform: translateX(300%); }
    100% { transform: translateX(0); }
  }
  @media (prefers-reduced-motion: reduce) {
    .s-running .glyph.status,
    .bar.indeterminate {
      animation: none;
    }
  }
`;
