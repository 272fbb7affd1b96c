/**
 * Amounts and dates straight from bytes. An SIE amount (spec 5.9) is an optional `-`,
 * digits, and at most two decimals after a `.`; no `+`, no thousands separator, no bound.
 * It becomes integer öre: a safe integer when it has at most 15 digits, else a bigint.
 */

/** Why an amount could not be read; `ok` and `stort` (the value is in `belopp.stort`) are fine. */
export type BeloppStatus = 'ok' | 'stort' | 'tomt' | 'plus' | 'decimaler' | 'tecken';

/** Result of the last `lasOre` call (kept in one object so that the hot loop allocates nothing). */
export const belopp = { status: 'ok' as BeloppStatus, stort: 0n, kolumn: 0 };

const MINUS = 45;
const PLUS = 43;
const DOT = 46;

/** Öre of the amount in buf[s, e). Check `belopp.status` afterwards. */
export function lasOre(buf: Uint8Array, s: number, e: number): number {
  belopp.status = 'ok';
  if (s >= e) return fel('tomt', 0);
  if (buf[s] === PLUS) return fel('plus', 0);
  const neg = buf[s] === MINUS;
  let i = neg ? s + 1 : s;
  let v = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < e; i++) {
    const c = buf[i]!;
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      digits++;
      if (decimals >= 0 && ++decimals > 2) return fel('decimaler', i - s);
    } else if (c === DOT && decimals < 0) decimals = 0;
    else return fel('tecken', i - s);
  }
  if (digits === 0) return fel('tomt', 0);
  const scale = decimals <= 0 ? 100 : decimals === 1 ? 10 : 1;
  // v·scale must stay a safe integer (< 2^53 ≈ 9.007e15): at most 15 digits of öre.
  if (digits + (decimals <= 0 ? 2 : 2 - decimals) > 15) return stort(buf, s, e, neg, scale);
  const ore = v * scale;
  return neg ? -ore : ore;
}

function fel(status: BeloppStatus, kolumn: number): number {
  belopp.status = status;
  belopp.kolumn = kolumn;
  return 0;
}

function stort(buf: Uint8Array, s: number, e: number, neg: boolean, scale: number): number {
  let text = '';
  for (let i = s; i < e; i++) if (buf[i]! >= 48 && buf[i]! <= 57) text += String.fromCharCode(buf[i]!);
  const v = BigInt(text) * BigInt(scale);
  belopp.stort = neg ? -v : v;
  belopp.status = 'stort';
  return 0;
}

/** The amount last read by `lasOre` as a bigint. */
export const somBigint = (ore: number): bigint => (belopp.status === 'stort' ? belopp.stort : BigInt(ore));

/** A date YYYYMMDD as the integer yyyymmdd, or -1 if it is not a real date. */
export function lasDatum(buf: Uint8Array, s: number, e: number): number {
  if (e - s !== 8) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return provatDatum(v);
}

/** yyyymmdd if it is a real date, else -1. */
export function provatDatum(v: number): number {
  if (v === senaste) return v;
  if (!giltigtDatum(v)) return -1;
  senaste = v;
  return v;
}

/** The last date found valid: most dates repeat the one before. */
let senaste = -1;

/** Whether yyyymmdd is a date of the Gregorian calendar. */
export function giltigtDatum(v: number): boolean {
  const y = Math.floor(v / 10000);
  const m = Math.floor(v / 100) % 100;
  const d = v % 100;
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/** A period YYYYMM as yyyymm, or -1. */
export function lasPeriod(buf: Uint8Array, s: number, e: number): number {
  if (e - s !== 6) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  const m = v % 100;
  return m >= 1 && m <= 12 ? v : -1;
}

/** A year index (årsnr): an optional `-` and digits, or NaN. */
export function lasArsnr(buf: Uint8Array, s: number, e: number): number {
  let i = s;
  const neg = buf[i] === MINUS;
  if (neg) i++;
  if (i >= e || e - i > 3) return NaN;
  let v = 0;
  for (; i < e; i++) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}
