/** The one-line error a reading throws, as `source:line:column: message` (a test fails when nothing is thrown). */
export async function errorLine(reading: Promise<unknown>): Promise<string> {
  try {
    await reading;
  } catch (e) {
    const err = e as { message: string; source?: string; line?: number; column?: number };
    return `${err.source}:${err.line}:${err.column}: ${err.message}`;
  }
  throw new Error('no error');
}
