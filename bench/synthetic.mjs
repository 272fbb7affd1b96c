// Synthetic ledgers: one agency's ledger `factor` times the size of the bundled one (more
// anslagsposter, more notes and note lines), or a tree of N agencies × Y years whose
// figures agree from year to year: every comparative column, opening balance, ingående
// överföringsbelopp and ingående åtagande is what the year before printed. A figure is a
// function of (agency, what, year), so each year's report prints last year's figures as
// its comparatives without the generator remembering anything. Every figure is
// consistent, so a reconcile exits 0 unless a fault is planted:
//   restatement  a note's comparative figures changed in this year's report, declared as
//                omräknade jämförelsesiffror (found as acknowledged year-over-year checks);
//   break        one anslagspost's ingående överföringsbelopp differs from last year's
//                utgående (a break in the chain, found by rule B-20 as a discrepancy).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const fmt = (n) => {
  const s = Math.abs(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return n < 0 ? `"-${s}"` : s;
};
const row = (id, text, v, extra = '') => `      - {id: ${id}, text: "${text}", v: [${v.map(fmt).join(', ')}]${extra}}`;
const cols = (ids) => `    kolumner:\n${ids.map((c) => `      - {id: "${c}", rubrik: "${c}"}`).join('\n')}\n`;
const table = (id, titel, typ, years, rows, extra = '') => `  - id: ${id}\n    titel: ${titel}\n    typ: ${typ}\n${extra}${cols(years)}    rader:\n${rows.join('\n')}\n`;

/** A whole number in [0, range) from (agency, what, year): FNV-1a, the same on every run. */
function value(agency, what, year, range = 100000) {
  let h = 0x811c9dc5;
  for (const ch of `${agency}|${what}|${year}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h % range;
}

/**
 * Writes one ledger. `options`: agency (default "Syntetisk myndighet <factor>x"), year
 * (default 2024), restatement and break (plant those faults, see above). Returns the ids
 * of the planted figures.
 */
export function writeSyntheticLedger(dir, factor, options = {}) {
  const agency = options.agency ?? `Syntetisk myndighet ${factor}x`;
  const N = options.year ?? 2024;
  const planted = { restated: [], broken: [] };
  mkdirSync(path.join(dir, 'noter'), { recursive: true });
  const v = (what, y, range) => value(agency, what, y, range);
  writeStatements(dir, agency, N);

  // Anslagsredovisning: 18 × factor anslagsposter, three per anslag, six anslag per UO.
  // Utgående = tilldelning − utgifter; ingående = last year's utgående, drawn in (indragning).
  const ub = (key, y) => v(`t${key}`, y) + 100000 - (v(`u${key}`, y, 40000) + 10000);
  const uos = [];
  const bem = [];
  let total = Array(8).fill(0);
  for (let u = 0; u < factor; u++) {
    const anslag = [];
    let uoSum = Array(8).fill(0);
    for (let a = 0; a < 6; a++) {
      let aSum = Array(8).fill(0);
      const poster = [];
      for (let p = 0; p < 3; p++) {
        const key = `${u}.${a}.${p}`;
        let ib = ub(key, N - 1);
        if (options.break && u === 0 && a === 0 && p === 0) {
          ib += 1000;
          planted.broken.push(`anslag.uo${u + 1}.1_${a + 1}.ap${p + 1}.ingaende_overforingsbelopp`);
        }
        const t = v(`t${key}`, N) + 100000;
        const out = v(`u${key}`, N, 40000) + 10000;
        const row8 = [ib, t, 0, 0, -ib, t, -out, t - out];
        aSum = aSum.map((x, i) => x + row8[i]);
        poster.push(`            - {ap: ${p + 1}, namn: "Post ${p + 1}", v: [${row8.map(fmt).join(', ')}]}`);
      }
      uoSum = uoSum.map((x, i) => x + aSum[i]);
      anslag.push(`        - anslag: "1:${a + 1}"\n          namn: Anslag ${a + 1}\n          poster:\n${poster.join('\n')}\n          summa: {v: [${aSum.map(fmt).join(', ')}]}`);
    }
    total = total.map((x, i) => x + uoSum[i]);
    uos.push(`    - uo: ${u + 1}\n      namn: Utgiftsområde ${u + 1}\n      anslag:\n${anslag.join('\n')}\n      summa: {v: [${uoSum.map(fmt).join(', ')}]}`);
    bem.push(bemyndigande(`uo${u + 1}.1_1.ap1`, (y) => v(`bem${u}`, y), N));
  }
  writeFileSync(
    path.join(dir, 'anslagsredovisning.yaml'),
    'anslagsredovisning:\n  kolumner: [ingaende_overforingsbelopp, tilldelning, omdisponerat, utnyttjat_medgivet_overskridande, indragning, totalt_disponibelt, utgifter, utgaende_overforingsbelopp]\n' +
      `  utgiftsomraden:\n${uos.join('\n')}\n  summa: {v: [${total.map(fmt).join(', ')}]}\n` +
      `  bemyndiganden:\n    kolumner: [bemyndigande, ingaende_ataganden, nya_ataganden, utgifter, ovriga_forandringar, utgaende_ataganden, "${N + 1}"]\n    rader:\n${bem.join('\n')}\n`,
  );

  const noteFiles = writeNotes(dir, factor, N, v, options.restatement ? planted.restated : undefined);
  const restatements = planted.restated.length
    ? `omraknade_jamforelsesiffror:\n  - figurer: [${planted.restated.join(', ')}]\n    orsak: "Syntetisk omräkning: jämförelsesiffrorna i not 1 har räknats om"\n`
    : '';
  writeFileSync(path.join(dir, 'kanda-avvikelser.yaml'), `kanda_avvikelser: []\n${restatements}`);
  writeFileSync(
    path.join(dir, 'ledger.yaml'),
    `myndighet: ${agency}\nar: ${N}\nlayout: ESV-2024\nenhet: tkr\nfiler:\n  - statements.yaml\n  - anslagsredovisning.yaml\n${noteFiles.map((f) => `  - ${f}\n`).join('')}kanda_avvikelser: kanda-avvikelser.yaml\n`,
  );
  return planted;
}

/** A small consistent RR, BR and five-year table, their figures functions of the year. */
function writeStatements(dir, agency, N) {
  const years = [N, N - 1];
  const at = (f) => years.map(f);
  const anslag = (y) => 400000 + value(agency, 'rr.anslag', y);
  const avgifter = (y) => 1000 + value(agency, 'rr.avgifter', y, 1000);
  const personal = (y) => Math.round((anslag(y) + avgifter(y)) * 0.8);
  const ovriga = (y) => anslag(y) + avgifter(y) - personal(y);
  const kassa = (y) => 900 + value(agency, 'br.kassa', y, 200);
  const rr = [
    row('intakter_av_anslag', 'Intäkter av anslag', at(anslag)),
    row('intakter_av_avgifter', 'Intäkter av avgifter', at(avgifter)),
    row('summa_intakter', 'Summa', at((y) => anslag(y) + avgifter(y))),
    row('kostnader_for_personal', 'Kostnader för personal', at((y) => -personal(y))),
    row('ovriga_driftkostnader', 'Övriga driftkostnader', at((y) => -ovriga(y))),
    row('summa_kostnader', 'Summa', at((y) => -(anslag(y) + avgifter(y)))),
    row('verksamhetsutfall', 'Verksamhetsutfall', [0, 0]),
    row('arets_kapitalforandring', 'Årets kapitalförändring', [0, 0]),
  ];
  const br = [
    row('kassa_och_bank', 'Kassa och bank', at(kassa)),
    row('summa_kassa_och_bank', 'Summa kassa och bank', at(kassa)),
    row('summa_tillgangar', 'SUMMA TILLGÅNGAR', at(kassa)),
    row('leverantorsskulder', 'Leverantörsskulder', at(kassa)),
    row('summa_skulder', 'Summa skulder', at(kassa)),
    row('kapitalforandring_enligt_rr', 'Kapitalförändring enligt resultaträkningen', [0, 0]),
    row('summa_myndighetskapital', 'Summa myndighetskapital', [0, 0]),
    row('summa_kapital_och_skulder', 'SUMMA KAPITAL OCH SKULDER', at(kassa)),
  ];
  const five = [N, N - 1, N - 2, N - 3, N - 4];
  const vu = [row('arets_kapitalforandring', 'Årets kapitalförändring', five.map(() => 0))];
  writeFileSync(
    path.join(dir, 'statements.yaml'),
    `tabeller:\n${table('rr', 'Resultaträkning', 'resultatrakning', years, rr)}${table('br', 'Balansräkning', 'balansrakning', years, br)}${table('vu', 'Väsentliga uppgifter', 'vasentliga_uppgifter', five, vu)}`,
  );
}

/** One beställningsbemyndigande: åtaganden carried from last year, all due next year. */
function bemyndigande(post, draw, N) {
  const ub = (y) => 5000 + draw(y);
  const ib = ub(N - 1);
  const nya = 6000 + (draw(N) % 5000);
  const ovriga = ub(N) - ib - nya;
  return `      - {anslagspost: ${post}, v: [${[200000, ib, nya, 0, ovriga, ub(N), ub(N)].map(fmt).join(', ')}], slutar: "${N + 1}"}`;
}

/**
 * Notes: 40 × factor tables of 14 lines and a sum, both years, and one note of opening and
 * closing balances (periodisering), 1 000 tables a file (the loader refuses files over
 * 20 MiB). `restated`, when given, receives the ids of note 1's restated comparatives.
 */
function writeNotes(dir, factor, N, v, restated) {
  const notes = [];
  for (let n = 1; n <= 40 * factor; n++) {
    const rows = [];
    let sNow = 0, sBefore = 0;
    for (let r = 1; r <= 14; r++) {
      const now = v(`not${n}.${r}`, N);
      let before = v(`not${n}.${r}`, N - 1);
      if (restated && n === 1 && r === 1) {
        before += 500;
        restated.push(`not1.rad1.${N - 1}`, `not1.summa.${N - 1}`);
      }
      sNow += now;
      sBefore += before;
      rows.push(row(`rad${r}`, `Rad ${r}`, [now, before]));
    }
    rows.push(row('summa', 'Summa', [sNow, sBefore], `, summa: [${Array.from({ length: 14 }, (_, i) => `rad${i + 1}`).join(', ')}]`));
    notes.push(table(`not${n}`, `Not ${n}`, 'not', [N, N - 1], rows, `    not: ${n}\n`));
  }
  // Balances: utgående is drawn per year, ingående is last year's utgående.
  const ub = (y) => 10000 + v('balans', y);
  const balance = [
    row('ingaende', 'Ingående balans', [ub(N - 1), ub(N - 2)]),
    row('forandring', 'Årets förändring', [ub(N) - ub(N - 1), ub(N - 1) - ub(N - 2)]),
    row('utgaende', 'Utgående balans', [ub(N), ub(N - 1)], ', summa: [ingaende, forandring]'),
  ];
  const n = 40 * factor + 1;
  notes.push(table('balans', `Not ${n}`, 'not', [N, N - 1], balance, `    not: ${n}\n    periodisering:\n      - {ingaende: ingaende, utgaende: utgaende}\n`));
  const files = [];
  for (let i = 0; i < notes.length; i += 1000) {
    const name = `noter/noter-${files.length + 1}.yaml`;
    writeFileSync(path.join(dir, name), `tabeller:\n${notes.slice(i, i + 1000).join('')}`);
    files.push(name);
  }
  return files;
}

/**
 * A tree of `agencies` × `years` ledgers, `<root>/myndighet-<k>/<year>/`, the last year
 * `lastYear`. `plant(k, year)` returns the faults to plant in that ledger
 * ({ restatement, break }). Returns every planted figure with its ledger's path.
 */
export function writeSyntheticTree(root, { agencies, years, factor = 1, lastYear = 2024, plant = () => ({}) }) {
  const planted = [];
  for (let k = 1; k <= agencies; k++) {
    for (let year = lastYear - years + 1; year <= lastYear; year++) {
      const rel = `myndighet-${String(k).padStart(3, '0')}/${year}`;
      const faults = year > lastYear - years + 1 ? plant(k, year) : {};
      const p = writeSyntheticLedger(path.join(root, rel), factor, { agency: `Myndighet ${k}`, year, ...faults });
      for (const f of p.restated) planted.push({ path: rel, kind: 'restatement', figure: f });
      for (const f of p.broken) planted.push({ path: rel, kind: 'break', figure: f });
    }
  }
  return planted;
}
