#!/usr/bin/env node
// Deterministic generator of realistic SIE 4E files (statens baskontoplan style), for the
// benchmark, the tests and anyone who needs a general ledger with known balances.
//
// Command line:
//   node bench/sie-generate.mjs <out.se> [--vouchers N] [--seed S] [--fault KIND] [--utf8] [--no-ksumma]
//   (KIND: see FAULTS below; several --fault flags plant several kinds)
//   node bench/sie-generate.mjs <out.ledger> --ledger [--vouchers N] [--seed S]   (the same postings for ledger-cli)
//
// Library:
//   import { standardPlan, writeSie, generateSie, FAULTS } from './bench/sie-generate.mjs';
//   const plan = standardPlan();                     // chart, dimensions, objects, #IB: edit freely
//   plan.targets.push({ account: '3011', objects: { 20: '1:1' }, amount: -1234567800n }); // öre, credit < 0
//   const { balances } = writeSie('x.se', plan, { vouchers: 1000, seed: 7 });
//   const buf = generateSie(plan, { vouchers: 10 }); // a Buffer, for small files
//
// Every target becomes monthly vouchers (series T) against `plan.counterAccount`; the random
// vouchers (series A, B, C, L, S) come on top, with #RTRANS/#BTRANS pairs now and then.
// #IB, #UB, #RES, #PSALDO and #KSUMMA are computed from the vouchers written, so the file is
// consistent unless a fault is planted. Amounts are öre as BigInt; nothing is a float.
import { closeSync, openSync, writeSync } from 'node:fs';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';

/** Fault kinds: what each plants, and the rule (or input error) that must report it. */
export const FAULTS = {
  unbalanced: 'one voucher does not balance (D-3)',
  unbalanced10: '10 % of the vouchers do not balance (D-3)',
  rtrans: 'an #RTRANS not followed by its #TRANS copy (D-4)',
  undeclared: 'a posting on an account without #KONTO (D-5)',
  ub: 'one #UB differs from #IB + the year\'s postings (D-6)',
  res: 'one #RES differs from the year\'s postings (D-7)',
  trialbalance: 'an #IB and #UB without counterpart: Σ #IB ≠ 0 (D-8)',
  psaldo: 'one #PSALDO differs from the month\'s postings (D-10)',
  ib: 'one #IB 0 differs from #UB -1 (D-11)',
  date: 'a voucher dated after the fiscal year (D-12)',
  order: 'two vouchers of a series in descending order (D-12)',
  ksumma: 'a wrong #KSUMMA (D-13)',
  truncated: 'the closing #KSUMMA is missing (D-13)',
  object: 'a posting on an undeclared object of dimension 20 (D-14)',
  flagga: '#FLAGGA missing (D-1)',
  quote: 'an amount without its closing quote (input error, exit 2; an open quote in a text is read to the line end)',
  decimals: 'an amount with three decimals (input error, exit 2)',
  brace: 'a voucher without its closing } (input error, exit 2)',
};

const ACCOUNTS = [
  ['1110', 'Byggnader, mark och annan fast egendom'], ['1220', 'Inventarier'], ['1510', 'Kundfordringar'],
  ['1610', 'Fordringar hos andra myndigheter'], ['1710', 'Förutbetalda kostnader'], ['1799', 'Avräkning med statsverket'],
  ['1930', 'Behållning räntekonto i Riksgälden'], ['2010', 'Statskapital'], ['2020', 'Balanserad kapitalförändring'],
  ['2410', 'Lån i Riksgälden'], ['2440', 'Leverantörsskulder'], ['2710', 'Personalens källskatt'],
  ['2910', 'Upplupna löner och semesterlöner'], ['3011', 'Intäkter av anslag'], ['3110', 'Intäkter av avgifter'],
  ['3510', 'Intäkter av bidrag'], ['3910', 'Finansiella intäkter'], ['4011', 'Löner'], ['4110', 'Arbetsgivaravgifter'],
  ['5011', 'Lokalhyra'], ['5510', 'Reparation och underhåll'], ['5611', 'Resor, logi och traktamenten'],
  ['5711', 'Konsulttjänster, övriga'], ['6911', 'Avskrivningar'], ['7011', 'Uppbörd'], ['7311', 'Lämnade bidrag till kommuner'],
  ['8411', 'Räntekostnader'],
];
const TEXTS = ['Lön för perioden', 'Hyra kvartal', 'Avräkning anslag', 'Resa till Göteborg', 'Konsultarvode Örebro',
  'Reparation av fläktar', 'Bidrag till Östersunds kommun', 'Ränta räntekonto', 'Avgifter för ärenden', 'Inköp av möbler'];

/** The default plan: a chart, cost centres (dim 1), anslag (20), anslagsposter (21), #IB. */
export function standardPlan() {
  const anslag = [['1:1', 'Förvaltningsanslag'], ['1:2', 'Ersättningar till offentliga biträden'], ['1:3', 'Utresor för avvisade och utvisade']];
  const poster = anslag.flatMap(([a, n]) => [[`${a}:1`, `${n}, ap.1`], [`${a}:2`, `${n}, ap.2`]]);
  return {
    company: 'Myndigheten för syntetiska böcker', orgnr: '202100-9999', year: 2024, program: ['avstamning sie-generate', '1'],
    accounts: ACCOUNTS.map(([number, name]) => ({ number, name })),
    dimensions: [{ number: '20', name: 'Anslag' }, { number: '21', name: 'Anslagspost' }],
    objects: [
      ...['100', '200', '300', '400'].map((o) => ({ dimension: '1', number: o, name: `Avdelning ${o}` })),
      ...anslag.map(([number, name]) => ({ dimension: '20', number, name })),
      ...poster.map(([number, name]) => ({ dimension: '21', number, name })),
    ],
    opening: { '1110': 5_000_000_00n, '1220': 1_200_000_00n, '1510': 300_000_00n, '1930': 45_000_000_00n, '2010': -20_000_000_00n, '2020': -1_500_000_00n, '2410': -6_000_000_00n, '2440': -24_000_000_00n },
    previousResult: { '3011': -80_000_000_00n, '4011': 55_000_000_00n, '5011': 25_000_000_00n },
    counterAccount: '1799',
    targets: [],
  };
}

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

const quote = (s) => `"${String(s).replace(/"/g, '\\"')}"`;
const kr = (ore) => {
  const neg = ore < 0n;
  const a = (neg ? -ore : ore).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${a.slice(0, -2)}.${a.slice(-2)}`;
};
const ymd = (year, day) => {
  const d = new Date(Date.UTC(year, 0, 1 + day));
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
};

/** The random vouchers: each a list of postings [account, objects {dim: obj}, öre]. */
function* randomVouchers(plan, n, seed) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const amount = (max) => BigInt(Math.floor(r() * max * 100) + 1);
  const kst = () => pick(['100', '200', '300', '400']);
  const post = () => pick(['1:1:1', '1:1:2', '1:2:1', '1:2:2', '1:3:1', '1:3:2']);
  for (let i = 0; i < n; i++) {
    const kind = r();
    const day = Math.floor((i * 365) / n);
    const text = pick(TEXTS);
    let series, postings;
    if (kind < 0.3) {
      const a = amount(200_000);
      const p = post();
      series = 'B';
      postings = [[pick(['5011', '5510', '5611', '5711']), { 1: kst(), 20: p.slice(0, 3), 21: p }, a], ['2440', {}, -a]];
    } else if (kind < 0.5) {
      const gross = amount(60_000);
      const tax = gross / 3n;
      const fee = (gross * 3142n) / 10000n;
      series = 'L';
      postings = [['4011', { 1: kst(), 20: '1:1', 21: '1:1:1' }, gross], ['4110', { 1: kst(), 20: '1:1', 21: '1:1:1' }, fee], ['2710', {}, -tax], ['1930', {}, -(gross - tax + fee)]];
    } else if (kind < 0.7) {
      const a = amount(500_000);
      const p = post();
      series = 'S';
      postings = [['1799', { 20: p.slice(0, 3), 21: p }, a], ['3011', { 20: p.slice(0, 3), 21: p }, -a]];
    } else if (kind < 0.8) {
      const a = amount(100_000);
      series = 'C';
      postings = [['1510', {}, a], ['3110', { 1: kst() }, -a]];
    } else if (kind < 0.9) {
      const a = amount(300_000);
      series = 'A';
      postings = [['2440', {}, a], ['1930', {}, -a]];
    } else {
      const a = amount(1_000_000);
      series = 'A';
      postings = [['7311', { 20: '1:2', 21: '1:2:1' }, a], ['1799', { 20: '1:2', 21: '1:2:1' }, -a]];
    }
    yield { series, day, text, postings, correction: r() < 0.02 };
  }
}

/** The targets as monthly vouchers of series T against the counter account. */
function* targetVouchers(plan) {
  for (const t of plan.targets) {
    const total = BigInt(t.amount);
    const months = 12n;
    for (let m = 0n; m < months; m++) {
      const part = total / months + (m === months - 1n ? total % months : 0n);
      if (part === 0n) continue;
      const day = Math.min(364, Number(m) * 30 + 27);
      yield { series: 'T', day, text: `Planerat belopp ${t.account}`, postings: [[t.account, t.objects ?? {}, part], [plan.counterAccount, t.objects ?? {}, -part]], correction: false };
    }
  }
}

function* allVouchers(plan, opts) {
  yield* targetVouchers(plan);
  yield* randomVouchers(plan, opts.vouchers ?? 0, opts.seed ?? 1);
}

/** First pass: the year's movements per account and per month. */
function movements(plan, opts) {
  const total = new Map();
  const monthly = new Map();
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0n) + v);
  for (const v of allVouchers(plan, opts)) {
    const month = ymd(plan.year, v.day).slice(0, 6);
    for (const [acc, , amt] of v.postings) {
      add(total, acc, amt);
      add(monthly, `${month} ${acc}`, amt);
    }
  }
  return { total, monthly };
}

const isBalance = (acc) => acc[0] === '1' || acc[0] === '2';

/**
 * The records of a whole file, as [label, ...fields]; a field that is an object is an
 * object list, a string is quoted when it must be. Faults are applied here.
 */
function* records(plan, opts, mov) {
  const faults = new Set(opts.faults ?? []);
  const y = plan.year;
  yield ['#PROGRAM', { q: plan.program[0] }, plan.program[1]];
  yield ['#FORMAT', 'PC8'];
  yield ['#GEN', `${y + 1}0215`, { q: 'sie-generate' }];
  yield ['#SIETYP', '4'];
  yield ['#FNAMN', { q: plan.company }];
  yield ['#ORGNR', plan.orgnr];
  yield ['#RAR', '0', `${y}0101`, `${y}1231`];
  yield ['#RAR', '-1', `${y - 1}0101`, `${y - 1}1231`];
  for (const a of plan.accounts) yield ['#KONTO', a.number, { q: a.name }];
  for (const d of plan.dimensions) yield ['#DIM', d.number, { q: d.name }];
  for (const o of plan.objects) yield ['#OBJEKT', o.dimension, { q: o.number }, { q: o.name }];
  yield* balances(plan, faults, mov);
  yield* vouchers(plan, opts, faults);
}

function* balances(plan, faults, mov) {
  const accounts = new Set([...Object.keys(plan.opening), ...mov.total.keys(), ...Object.keys(plan.previousResult)]);
  const first = [...accounts].filter(isBalance).sort()[0];
  let resPlanted = false;
  for (const acc of [...accounts].sort()) {
    const ib = plan.opening[acc] ?? 0n;
    const m = mov.total.get(acc) ?? 0n;
    if (isBalance(acc)) {
      const extra = faults.has('trialbalance') && acc === first ? 100_00n : 0n;
      if (ib || extra) yield ['#IB', '0', acc, kr(ib + extra + (faults.has('ib') && acc === first ? 1n : 0n))];
      if (ib) yield ['#UB', '-1', acc, kr(ib)];
      yield ['#UB', '0', acc, kr(ib + m + extra + (faults.has('ub') && acc === first ? 1_00n : 0n) + (faults.has('ib') && acc === first ? 1n : 0n))];
    } else {
      const prev = plan.previousResult[acc];
      if (prev) yield ['#RES', '-1', acc, kr(prev)];
      if (m) yield ['#RES', '0', acc, kr(m + (faults.has('res') && !resPlanted ? 50n : 0n))];
      if (m) resPlanted = true;
    }
  }
  let psaldoFault = faults.has('psaldo');
  for (const [key, amt] of [...mov.monthly].sort()) {
    const [month, acc] = key.split(' ');
    yield ['#PSALDO', '0', month, acc, {}, kr(amt + (psaldoFault ? 1n : 0n))];
    psaldoFault = false;
  }
}

function* vouchers(plan, opts, faults) {
  const y = plan.year;
  const numbers = new Map();
  const n = opts.vouchers ?? 0;
  let i = 0;
  let rtransPlanted = false;
  for (const v of allVouchers(plan, opts)) {
    i++;
    let nr = (numbers.get(v.series) ?? 0) + 1;
    numbers.set(v.series, nr);
    if (faults.has('order') && i === Math.floor(n / 2) + 2) nr = 1;
    const date = faults.has('date') && i === Math.floor(n / 3) + 1 ? `${y + 1}0115` : ymd(y, v.day);
    yield ['#VER', v.series, String(nr), date, { q: v.text }, ymd(y, Math.min(364, v.day + 3))];
    yield ['{'];
    const unbalanced = (faults.has('unbalanced') && i === Math.floor(n / 2) + 1) || (faults.has('unbalanced10') && i % 10 === 3);
    for (const [j, [acc, objs, amt]] of v.postings.entries()) {
      const list = { ...objs };
      if (faults.has('object') && i === 5 && j === 0) list[20] = '9:9';
      const account = faults.has('undeclared') && i === 7 && j === 0 ? '9999' : acc;
      const a = unbalanced && j === 0 ? amt + 1n : amt;
      if (v.correction && j === 0) {
        yield ['#BTRANS', account, list, kr(a + 100_00n), '', '', '', { q: 'Lisa Ek' }];
        yield ['#RTRANS', account, list, kr(a), '', '', '', { q: 'Lisa Ek' }];
        if (faults.has('rtrans') && i > n / 4 && !rtransPlanted) {
          rtransPlanted = true;
          continue;
        }
      }
      if (faults.has('quote') && i === 9 && j === 0) {
        yield ['#TRANS', account, list, { raw: `"${kr(a)}` }, date];
        continue;
      }
      yield ['#TRANS', account, list, faults.has('decimals') && i === 11 && j === 0 ? `${kr(a)}5` : kr(a), date];
    }
    if (!(faults.has('brace') && i === 13)) yield ['}'];
  }
}

/** A record as its line and as the bytes #KSUMMA covers (label and field contents). */
function line(rec) {
  let text = rec[0];
  let crc = rec[0];
  for (const f of rec.slice(1)) {
    if (typeof f === 'string') {
      text += ' ' + (f === '' || /[\s"{}]/.test(f) ? quote(f) : f);
      crc += f;
    } else if (f.q !== undefined) {
      text += ' ' + quote(f.q);
      crc += f.q;
    } else if (f.raw !== undefined) {
      text += ' ' + f.raw;
      crc += f.raw;
    } else {
      const items = Object.entries(f).flatMap(([d, o]) => [d, o]);
      text += ' {' + items.map((x) => (/^[\w]+$/.test(x) ? x : quote(x))).join(' ') + '}';
      crc += items.join('');
    }
  }
  return { text, crc: rec[0] === '{' || rec[0] === '}' ? '' : crc };
}

const crc32 = zlib.crc32 ?? ((data, value = 0) => {
  let c = ~value;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
});

/**
 * Write the file through `sink(buffer)` in chunks; returns the balances written (öre) and
 * the byte count. opts: { vouchers, seed, faults: [...], utf8, ksumma (default true) }.
 */
export function emitSie(plan, opts, sink) {
  const enc = (s) => (opts.utf8 ? Buffer.from(s, 'utf8') : iconv.encode(s, 'cp437'));
  const faults = new Set(opts.faults ?? []);
  const ksumma = opts.ksumma !== false || faults.has('ksumma') || faults.has('truncated');
  const mov = movements(plan, opts);
  let out = '';
  let crcText = '';
  let crc = 0;
  let bytes = 0;
  const flush = () => {
    const b = enc(out);
    bytes += b.length;
    sink(b);
    if (crcText) crc = crc32(enc(crcText), crc);
    out = '';
    crcText = '';
  };
  // #FLAGGA first, then the opening #KSUMMA (as in the spec's example): #FLAGGA is not covered.
  if (!faults.has('flagga')) out += '#FLAGGA 0\n';
  if (ksumma) out += '#KSUMMA\n';
  for (const rec of records(plan, opts, mov)) {
    const l = line(rec);
    out += l.text + '\n';
    if (ksumma) crcText += l.crc;
    if (out.length > 1 << 20) flush();
  }
  flush();
  if (ksumma && !faults.has('truncated')) {
    out = `#KSUMMA ${faults.has('ksumma') ? (crc ^ 1) >>> 0 : crc}\n`;
    flush();
  }
  return { bytes, movements: mov.total, opening: plan.opening };
}

/**
 * The same postings as a ledger-cli journal (for the benchmark): the opening balances as one
 * transaction, then every voucher with its effective postings (an #RTRANS pair once, no
 * #BTRANS). Amounts in kr without a commodity; accounts by number.
 */
export function writeLedgerJournal(file, plan, opts = {}) {
  const fd = openSync(file, 'w');
  let out = `${plan.year}/01/01 Ingående balans\n`;
  for (const [acc, ore] of Object.entries(plan.opening)) out += `    ${acc}  ${kr(ore)}\n`;
  const flush = () => {
    writeSync(fd, out);
    out = '';
  };
  try {
    for (const v of allVouchers(plan, opts)) {
      const d = ymd(plan.year, v.day);
      out += `${d.slice(0, 4)}/${d.slice(4, 6)}/${d.slice(6)} ${v.series} ${v.text}\n`;
      for (const [acc, , amt] of v.postings) out += `    ${acc}  ${kr(amt)}\n`;
      if (out.length > 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
}

export function writeSie(file, plan, opts = {}) {
  const fd = openSync(file, 'w');
  try {
    return emitSie(plan, opts, (b) => writeSync(fd, b));
  } finally {
    closeSync(fd);
  }
}

export function generateSie(plan, opts = {}) {
  const parts = [];
  const r = emitSie(plan, opts, (b) => parts.push(b));
  return Object.assign(Buffer.concat(parts), { movements: r.movements });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const faults = args.flatMap((a, i) => (a === '--fault' ? [args[i + 1]] : []));
  for (const f of faults) if (!(f in FAULTS)) throw new Error(`unknown fault ${f}; known: ${Object.keys(FAULTS).join(', ')}`);
  const file = args.find((a, i) => !a.startsWith('--') && !['--vouchers', '--seed', '--fault'].includes(args[i - 1]));
  if (!file) {
    console.error('usage: node bench/sie-generate.mjs <out.se> [--vouchers N] [--seed S] [--fault KIND]... [--utf8] [--no-ksumma]');
    console.error(Object.entries(FAULTS).map(([k, v]) => `  ${k.padEnd(14)} ${v}`).join('\n'));
    process.exit(2);
  }
  if (args.includes('--ledger')) {
    writeLedgerJournal(file, standardPlan(), { vouchers: Number(opt('--vouchers', '1000')), seed: Number(opt('--seed', '1')) });
    console.log(`${file}: ledger-cli journal`);
    process.exit(0);
  }
  const r = writeSie(file, standardPlan(), { vouchers: Number(opt('--vouchers', '1000')), seed: Number(opt('--seed', '1')), faults, utf8: args.includes('--utf8'), ksumma: !args.includes('--no-ksumma') });
  console.log(`${file}: ${r.bytes} bytes`);
}
