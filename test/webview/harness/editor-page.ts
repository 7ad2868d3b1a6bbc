// One webview page in headless Chromium, driven like the extension host would drive it.
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { FromWebview, ToWebview } from '../../../src/protocol/messages.js';
import type { Theme } from './palettes.js';
import { TestServer } from './server.js';
import { testPageHtml, type PageRecord } from './test-page.js';

const CHROMIUM = process.env.CCWF_CHROMIUM ?? '/usr/bin/chromium';

let shared: Promise<{ browser: Browser; context: BrowserContext; server: TestServer }> | undefined;

/**
 * One browser, one context: pages of one context share the HTTP and compiled-code caches, so
 * the second page onwards does not parse the large bundle again. Each test gets its own page.
 */
function environment() {
  shared ??= (async () => {
    const [browser, server] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] }),
      TestServer.start(),
    ]);
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    return { browser, context, server };
  })();
  return shared;
}

/** Closes the browser and the server (mocha's root `afterAll`). */
export async function closeEnvironment(): Promise<void> {
  if (!shared) return;
  const { browser, server } = await shared;
  shared = undefined;
  await Promise.all([browser.close(), server.close()]);
}

export interface OpenOptions {
  readonly theme?: Theme;
  /** What `getState()` returns: the state saved by an earlier life of the webview. */
  readonly state?: unknown;
  readonly width?: number;
  readonly height?: number;
  /** Every layout request fails with this message. */
  readonly layoutError?: string;
}

export class EditorPage {
  /** CSP violations, console errors and uncaught errors: any of them fails the test. */
  readonly problems: string[] = [];

  private constructor(readonly page: Page) {}

  static async open(options: OpenOptions = {}): Promise<EditorPage> {
    const { context, server } = await environment();
    const page = await context.newPage();
    await page.setViewportSize({ width: options.width ?? 1400, height: options.height ?? 860 });
    await page.emulateMedia({ colorScheme: options.theme === 'dark' ? 'dark' : 'light' });
    const editor = new EditorPage(page);
    page.on('console', (m) => {
      if (m.type() === 'error') editor.problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => editor.problems.push(`page error: ${e.message}`));
    page.on('worker', (w) => w.on('console', (m) => {
      if (m.type() === 'error') editor.problems.push(`worker console: ${m.text()}`);
    }));
    await page.goto(server.page(testPageHtml(server.origin, options.theme ?? 'light', options.state, options.layoutError)));
    await page.waitForFunction(() => (window as unknown as { __ccwf?: PageRecord }).__ccwf?.posted.length);
    return editor;
  }

  /** Delivers a message as the host does: a `message` event on the window. */
  async send(message: ToWebview | unknown): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  private record(): Promise<PageRecord> {
    return this.page.evaluate(() => {
      const r = (window as unknown as { __ccwf: PageRecord }).__ccwf;
      return { ...r, violations: [...r.violations] };
    });
  }

  async posted(): Promise<FromWebview[]> {
    return (await this.record()).posted as FromWebview[];
  }

  /** Waits until the page has posted a message matching `match` (a partial deep match). */
  async waitForPosted(match: Record<string, unknown>, timeout = 5000): Promise<FromWebview> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = (await this.posted()).find((m) => matches(m, match));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no message like ${JSON.stringify(match)}; posted: ${JSON.stringify(await this.posted())}`);
      await this.page.waitForTimeout(25);
    }
  }

  /** How many layout requests went to the worker so far. */
  async layoutRequests(): Promise<number> {
    return (await this.record()).workerMessages;
  }

  async savedState(): Promise<unknown> {
    return (await this.record()).state;
  }

  node(job: string): Locator {
    return this.page.locator(`ccwf-graph g.node[data-job="${job}"]`);
  }

  cell(job: string): Locator {
    return this.page.locator(`ccwf-job-cell[data-job="${job}"]`);
  }

  /** Waits for the graph to paint `count` nodes. */
  async waitForNodes(count: number, timeout = 15000): Promise<void> {
    await this.page.waitForFunction((n) => {
      const graph = document.querySelector('ccwf-editor')?.shadowRoot?.querySelector('ccwf-graph');
      return graph?.shadowRoot?.querySelectorAll('g.node').length === n;
    }, count, { timeout });
  }

  /** Fails with everything that went wrong in the page, then closes it. */
  async close(): Promise<void> {
    const { violations } = await this.record().catch(() => ({ violations: [] as string[] }));
    await this.page.close();
    const all = [...violations.map((v) => `CSP: ${v}`), ...this.problems];
    if (all.length > 0) throw new Error(`problems in the page:\n  ${all.join('\n  ')}`);
  }
}

/** Opens a page, runs `body`, and always closes it, failing on CSP violations and errors. */
export async function withEditor(options: OpenOptions, body: (editor: EditorPage) => Promise<void>): Promise<void> {
  const editor = await EditorPage.open(options);
  try {
    await body(editor);
  } catch (error) {
    await editor.close().catch((e: Error) => console.error(e.message));
    throw error;
  }
  await editor.close();
}

function matches(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'object' || expected === null) return Object.is(actual, expected);
  if (typeof actual !== 'object' || actual === null) return false;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e));
  }
  return Object.entries(expected).every(([k, v]) => matches((actual as Record<string, unknown>)[k], v));
}
