// The questions an engine process (`ccwf run` started by the extension) asks the window that
// started it, over Node's IPC channel: it has no terminal, and a host key or a key's passphrase
// must come from the person, in VS Code.

/** The engine asks; the window must answer with an `EngineAnswer` of the same id. */
export interface EngineQuestion {
  readonly type: 'ccwf-question';
  readonly id: number;
  /** What to ask, in sentences; a yes/no question ends with `(yes/no)?`. */
  readonly question: string;
  /** The answer is a secret (a passphrase): hide the typing, never keep it. */
  readonly secret: boolean;
}

/** The window's answer; no `answer` means the person declined or could not be asked. */
export interface EngineAnswer {
  readonly type: 'ccwf-answer';
  readonly id: number;
  readonly answer?: string;
}

export function isEngineQuestion(m: unknown): m is EngineQuestion {
  const q = m as Partial<EngineQuestion> | null;
  return typeof q === 'object' && q !== null && q.type === 'ccwf-question' && typeof q.id === 'number' && typeof q.question === 'string' && typeof q.secret === 'boolean';
}

export function isEngineAnswer(m: unknown): m is EngineAnswer {
  const a = m as Partial<EngineAnswer> | null;
  return typeof a === 'object' && a !== null && a.type === 'ccwf-answer' && typeof a.id === 'number' && (a.answer === undefined || typeof a.answer === 'string');
}
