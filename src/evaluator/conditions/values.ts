/**
 * Parsing of condition values for the typed operator families. Each returns null on text that is not
 * a value of that type, so the caller can report a type mismatch instead of guessing.
 */

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function parseNumber(text: string): number | null {
  return NUMBER.test(text.trim()) ? Number(text) : null;
}

// ISO 8601 as AWS documents for Date operators (W3C profile), or epoch seconds.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Milliseconds since the epoch, or null. Plain digits are epoch seconds (aws:EpochTime). */
export function parseDate(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  if (!ISO_DATE.test(t)) return null;
  // A date-time without a zone is UTC for AWS; JavaScript would read it as local time.
  const withZone = /T/.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? `${t}Z` : t;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : ms;
}

export function parseBool(text: string): boolean | null {
  const t = text.toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : null;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Canonical base64 of the bytes, or null if the text is not base64. */
export function parseBase64(text: string): string | null {
  if (!BASE64.test(text)) return null;
  return Buffer.from(text, 'base64').toString('base64');
}
