import type { PiiDetector } from './types';

export type Span = { start: number; end: number };

/**
 * PII detectors. Each returns the spans it found; the ones with a checksum (resident ID, bank card) validate it,
 * so a random run of digits is not masked. Boundaries are lookarounds, so a number inside a longer number does
 * not match on its own.
 */
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){0,4}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

const PHONES = [
  // Chinese mobile numbers: 1[3-9] and nine digits, optionally +86 / 0086 and grouped 3-4-4.
  /(?<![\d+])(?:(?:\+|00)86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g,
  // International numbers written with a leading +.
  /(?<![\w+])\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){1,4}(?!\d)/g,
  // North American style (555) 123-4567 / 555-123-4567: separators required, so bare digit runs are left alone.
  /(?<![\d(])(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)/g,
  // Chinese landlines with an area code: 010-12345678, 0755-1234567.
  /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g,
];

const CN_ID = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;

const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character of an 18-character Chinese resident identity number. */
export function isValidCnId(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

/** The Luhn check every payment card number carries in its last digit. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function matches(re: RegExp, text: string, accept: (m: string) => boolean = () => true): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) if (accept(m[0])) spans.push({ start: m.index!, end: m.index! + m[0].length });
  return spans;
}

/** Several patterns can find the same number (+86 mobile vs. international): keep only spans no other contains. */
function outermost(spans: Span[]): Span[] {
  return spans.filter(
    (s, i) => !spans.some((o, j) => j !== i && o.start <= s.start && o.end >= s.end && (o.end - o.start > s.end - s.start || j < i)),
  );
}

export const detectors: Record<PiiDetector, (text: string) => Span[]> = {
  email: (text) => matches(EMAIL, text),
  phone: (text) => outermost(PHONES.flatMap((re) => matches(re, text))),
  cn_id: (text) => matches(CN_ID, text, isValidCnId),
  bank_card: (text) =>
    matches(CARD, text, (m) => {
      const digits = m.replace(/[ -]/g, '');
      return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && !isValidCnId(digits);
    }),
};

/** The longest text each detector can match: how much a streaming filter must hold back to see it whole. */
export const detectorMaxLength: Record<PiiDetector, number> = { email: 64, phone: 24, cn_id: 18, bank_card: 25 };
