// The page the workflow editor's webview loads, shared by the extension and the webview's own
// browser tests so both run under the same Content-Security-Policy. Pure string building: no DOM,
// no vscode, so either side can import it.

export interface WebviewPage {
  /** `webview.cspSource`: the origin the bundle and fonts are served from. */
  readonly cspSource: string;
  /** Fresh per page: only scripts carrying it run. */
  readonly nonce: string;
  /** URL of dist/webview/main.js. */
  readonly scriptUri: string;
  /** URL of dist/webview/codicons/codicon.css. */
  readonly codiconsUri: string;
  readonly title: string;
}

/**
 * Nothing remote, no inline script, no eval. The layout worker starts from a blob: URL (see
 * esbuild.config.mjs), which is why `worker-src blob:` is the one relaxation.
 */
export function contentSecurityPolicy(page: Pick<WebviewPage, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `img-src ${page.cspSource} data:`,
    `font-src ${page.cspSource}`,
    `style-src ${page.cspSource} 'nonce-${page.nonce}'`,
    `script-src 'nonce-${page.nonce}'`,
    'worker-src blob:',
  ].join('; ');
}

export function webviewHtml(page: WebviewPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(page))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeText(page.title)}</title>
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${escapeAttr(page.codiconsUri)}" nonce="${escapeAttr(page.nonce)}">
</head>
<body>
<ccwf-editor></ccwf-editor>
<script type="module" nonce="${escapeAttr(page.nonce)}" src="${escapeAttr(page.scriptUri)}"></script>
</body>
</html>`;
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');
