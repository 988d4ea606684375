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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** X-Amz-Date's ISO 8601 basic format: `20251021T043549Z`. */
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** The HTTP `Date` header (RFC 7231 IMF-fixdate): `Tue, 21 Oct 2025 04:35:49 GMT`. */
const HTTP_DATE = /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}:\d{2}:\d{2}) GMT$/;
/** The latest epoch second ISO 8601 can write with four year digits (9999-12-31T23:59:59Z). */
const MAX_EPOCH_SECONDS = 253402300799;

/**
 * A time a request carries, in any form AWS prints one: ISO 8601 (`2025-10-21T04:35:49Z`, with or
 * without a zone or fraction, or a date alone; a space for the `T` as `aws s3 ls` prints it), X-Amz-Date's
 * basic format (`20251021T043549Z`), the HTTP `Date` header's form, or epoch seconds. Without a zone the
 * time is UTC. Milliseconds since the epoch, or null for anything else (epoch milliseconds included:
 * read as seconds they would fall after the year 9999).
 */
export function parseRequestTime(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t) <= MAX_EPOCH_SECONDS ? Number(t) * 1000 : null;
  const amz = AMZ_DATE.exec(t);
  if (amz) return parseDate(`${amz[1]}-${amz[2]}-${amz[3]}T${amz[4]}:${amz[5]}:${amz[6]}Z`);
  const http = HTTP_DATE.exec(t);
  if (http) {
    const month = MONTHS.indexOf(http[2]!) + 1;
    return month ? parseDate(`${http[3]}-${String(month).padStart(2, '0')}-${http[1]}T${http[4]}Z`) : null;
  }
  return parseDate(/^\d{4}-\d{2}-\d{2} \d{2}:/.test(t) ? t.replace(' ', 'T') : t);
}

/** A time as the request context carries it: ISO 8601 in UTC, to the second (fractions kept when given). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
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
