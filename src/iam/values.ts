/**
 * Parsing of condition values for the typed operator families. Each returns null on text that is not
 * a value of that type, so the caller can report a type mismatch instead of guessing.
 */

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function parseNumber(text: string): number | null {
  return NUMBER.test(text.trim()) ? Number(text) : null;
}

// ISO 8601 as AWS documents for Date operators (the W3C profile: YYYY-MM, YYYY-MM-DD, and date-times),
// or epoch seconds. A bare year (YYYY) is read as epoch seconds: both are plain digits.
const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/;

/** Milliseconds since the epoch, or null. Plain digits are epoch seconds (aws:EpochTime). */
export function parseDate(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const m = ISO_DATE.exec(t);
  if (!m) return null;
  // Date.parse rolls impossible days over (2026-02-30 becomes March 2); they are not dates.
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] !== undefined) {
    const day = Number(m[3]);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day < 1 || day > daysInMonth) return null;
  }
  // A date-time without a zone is UTC for AWS; JavaScript would read it as local time.
  const withZone = /T/.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? `${t}Z` : t;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : ms;
}

export function parseBool(text: string): boolean | null {
  const t = text.toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return null;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Canonical base64 of the bytes, or null if the text is not base64. */
export function parseBase64(text: string): string | null {
  if (!BASE64.test(text)) return null;
  return Buffer.from(text, 'base64').toString('base64');
}
