import { describe, expect, it } from 'vitest';
import { isoTime, parseRequestTime } from '../../src/iam/values.js';

describe('parseRequestTime: every form AWS prints a time in', () => {
  it.each([
    // X-Amz-Date: "The date that is used to create the signature. The format must be ISO 8601 basic format
    // (YYYYMMDD'T'HHMMSS'Z')" (AWS STS API Reference, "Common Parameters").
    ['20251021T043549Z', '2025-10-21T04:35:49Z'],
    ['2025-10-21T04:35:49Z', '2025-10-21T04:35:49Z'],
    ['2025-10-21T04:35:49.123Z', '2025-10-21T04:35:49.123Z'],
    ['2025-10-21T13:35:49+09:00', '2025-10-21T04:35:49Z'],
    // Zone-less dates are UTC, in every time zone this runs in.
    ['2025-10-21T04:35:49', '2025-10-21T04:35:49Z'],
    ['2025-10-21 04:35:49', '2025-10-21T04:35:49Z'],
    ['2025-10-21', '2025-10-21T00:00:00Z'],
    // aws:EpochTime: "Use this key to compare the date and time of the request in epoch or Unix time"
    // (IAM User Guide, "AWS global condition context keys").
    ['1761021349', '2025-10-21T04:35:49Z'],
    ['Tue, 21 Oct 2025 04:35:49 GMT', '2025-10-21T04:35:49Z'],
  ])('%s → %s', (text, iso) => {
    const ms = parseRequestTime(text);
    expect(ms).not.toBeNull();
    expect(isoTime(ms!)).toBe(iso);
  });

  it.each(['yesterday', '21/10/2025', '2025-10-21T25:00:00Z', '2025-02-30', '1761021349000', '20251021T043549', 'Tue, 21 Oct 2025 04:35:49 KST', ''])(
    'refuses %j',
    (text) => {
      expect(parseRequestTime(text)).toBeNull();
    },
  );
});
