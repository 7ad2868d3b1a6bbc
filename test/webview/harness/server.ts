// Serves the built webview and the test pages, on loopback only.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

export const DIST_WEBVIEW = new URL('../../../dist/webview/', import.meta.url).pathname;

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.html': 'text/html; charset=utf-8',
};

export class TestServer {
  private readonly pages = new Map<string, string>();
  private nextPage = 1;

  private constructor(private readonly server: Server, readonly origin: string) {}

  static async start(): Promise<TestServer> {
    let self: TestServer | undefined;
    const server = createServer((req, res) => void self!.handle(req.url ?? '/', res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new TestServer(server, `http://127.0.0.1:${port}`);
    return self;
  }

  /** Serves `html` at a fresh URL, which is returned. */
  page(html: string): string {
    const path = `/page/${this.nextPage++}.html`;
    this.pages.set(path, html);
    return `${this.origin}${path}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(url: string, res: import('node:http').ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(url, this.origin).pathname);
    const page = this.pages.get(path);
    if (page !== undefined) return send(res, 200, TYPES['.html']!, page, 'no-store');
    if (path === '/favicon.ico') return send(res, 204, 'text/plain', '');
    const file = normalize(join(DIST_WEBVIEW, path));
    if (!file.startsWith(DIST_WEBVIEW)) return send(res, 403, 'text/plain', 'forbidden');
    try {
      // Cacheable within the run: the bundle does not change while the tests run.
      return send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file), 'max-age=600');
    } catch {
      return send(res, 404, 'text/plain', 'not found');
    }
  }
}

function send(res: import('node:http').ServerResponse, status: number, type: string, body: string | Buffer, cache = 'no-store'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': cache });
  res.end(body);
}
