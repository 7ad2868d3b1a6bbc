import { parseProgressLine, type ProgressReport } from './progress-line.js';

/** Longest partial line kept while waiting for its end; output without newlines cannot grow memory. */
const MAX_PENDING = 64 * 1024;

/**
 * Finds progress lines in a stream of output chunks that split lines anywhere. Only lines that
 * contain the marker are parsed, so plain output costs one indexOf per chunk.
 */
export class ProgressScanner {
  private pending = '';

  constructor(private readonly onReport: (report: ProgressReport) => void) {}

  push(chunk: string): void {
    let text = this.pending + chunk;
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline < 0) {
      this.pending = text.length > MAX_PENDING ? '' : text;
      return;
    }
    this.pending = text.slice(lastNewline + 1);
    if (this.pending.length > MAX_PENDING) this.pending = '';
    text = text.slice(0, lastNewline);
    if (!text.includes('cloudmesh')) return;
    for (const line of text.split('\n')) {
      const report = parseProgressLine(line);
      if (report) this.onReport(report);
    }
  }

  /** The last line may have no newline: parse it at the end of the stream. */
  end(): void {
    const report = this.pending ? parseProgressLine(this.pending) : undefined;
    this.pending = '';
    if (report) this.onReport(report);
  }
}
