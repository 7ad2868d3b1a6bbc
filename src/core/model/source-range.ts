/** Half-open character offsets into the workflow text. Line/column are computed at the edges. */
export interface SourceRange {
  readonly start: number;
  readonly end: number;
}

export const NO_RANGE: SourceRange = { start: 0, end: 0 };
