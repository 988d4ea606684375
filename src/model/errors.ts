/**
 * A problem with what the user gave us (file, JSON, policy grammar, request, flags).
 * Rendered as one line `file:line:column: message` and exit code 2. Never a stack trace.
 */
export class InputError extends Error {
  readonly source: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly jsonPath: string | undefined;

  constructor(message: string, where: { source?: string; line?: number; column?: number; jsonPath?: string } = {}) {
    super(message);
    this.name = 'InputError';
    this.source = where.source;
    this.line = where.line;
    this.column = where.column;
    this.jsonPath = where.jsonPath;
  }

  /** `file:line:column: message (at $.json.path)` with the parts that are known. */
  format(): string {
    let where = this.source ?? '';
    if (this.source !== undefined && this.line !== undefined) {
      where += `:${this.line}`;
      if (this.column !== undefined) where += `:${this.column}`;
    }
    const path = this.jsonPath && this.line === undefined ? ` (at ${this.jsonPath})` : '';
    return where ? `${where}: ${this.message}${path}` : `${this.message}${path}`;
  }
}

/** A mistake in how the command was called (flags, arguments): reported as a usage error, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
