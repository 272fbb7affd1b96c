// Writes a synthetic agency ledger `factor` times the size of the bundled one: more
// anslagsposter, more notes and note lines. Every figure is consistent, so a reconcile
// of it exits 0 and exercises every check kind at scale.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const fmt = (n) => {
  const s = Math.abs(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return n < 0 ? `"-${s}"` : s;
};
const row = (id, text, v, extra = '') => `      - {id: ${id}, text: "${text}", v: [${v.map(fmt).join(', ')}]${extra}}`;

export function writeSyntheticLedger(dir, factor) {
  mkdirSync(path.join(dir, 'noter'), { recursive: true });
  let seed = 1;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 100000;
  // Statements: a small consistent RR and BR.
  const rr = [
    row('intakter_av_anslag', 'Intäkter av anslag', [500000, 400000]),
    row('intakter_av_avgifter', 'Intäkter av avgifter', [1000, 900]),
    row('summa_intakter', 'Summa', [501000, 400900]),
    row('kostnader_for_personal', 'Kostnader för personal', [-400000, -300000]),
    row('ovriga_driftkostnader', 'Övriga driftkostnader', [-101000, -100900]),
    row('summa_kostnader', 'Summa', [-501000, -400900]),
    row('verksamhetsutfall', 'Verksamhetsutfall', [0, 0]),
    row('arets_kapitalforandring', 'Årets kapitalförändring', [0, 0]),
  ];
  const br = [
    row('kassa_och_bank', 'Kassa och bank', [1000, 900]),
    row('summa_kassa_och_bank', 'Summa kassa och bank', [1000, 900]),
    row('summa_tillgangar', 'SUMMA TILLGÅNGAR', [1000, 900]),
    row('leverantorsskulder', 'Leverantörsskulder', [1000, 900]),
    row('summa_skulder', 'Summa skulder', [1000, 900]),
    row('kapitalforandring_enligt_rr', 'Kapitalförändring enligt resultaträkningen', [0, 0]),
    row('summa_myndighetskapital', 'Summa myndighetskapital', [0, 0]),
    row('summa_kapital_och_skulder', 'SUMMA KAPITAL OCH SKULDER', [1000, 900]),
  ];
  const vu = [row('arets_kapitalforandring', 'Årets kapitalförändring', [0, 0])];
  const cols = (...ids) => `    kolumner:\n${ids.map((c) => `      - {id: "${c}", rubrik: "${c}"}`).join('\n')}\n`;
  const table = (id, titel, typ, rows, extra = '') => `  - id: ${id}\n    titel: ${titel}\n    typ: ${typ}\n${extra}${cols('2024', '2023')}    rader:\n${rows.join('\n')}\n`;
  writeFileSync(path.join(dir, 'statements.yaml'), `tabeller:\n${table('rr', 'Resultaträkning', 'resultatrakning', rr)}${table('br', 'Balansräkning', 'balansrakning', br)}${table('vu', 'Väsentliga uppgifter', 'vasentliga_uppgifter', vu)}`);

  // Anslagsredovisning: 18 × factor anslagsposter, three per anslag, six anslag per UO.
  const posts = 18 * factor;
  const uos = [];
  let total = Array(8).fill(0);
  for (let u = 0; u < posts / 18; u++) {
    const anslag = [];
    let uoSum = Array(8).fill(0);
    for (let a = 0; a < 6; a++) {
      let aSum = Array(8).fill(0);
      const poster = [];
      for (let p = 0; p < 3; p++) {
        const ib = rand(), t = rand() + 100000, u2 = (rand() % 40000) + 10000;
        const v = [ib, t, 0, 0, -ib, t, -u2, t - u2];
        aSum = aSum.map((x, i) => x + v[i]);
        poster.push(`            - {ap: ${p + 1}, namn: "Post ${p + 1}", v: [${v.map(fmt).join(', ')}]}`);
      }
      uoSum = uoSum.map((x, i) => x + aSum[i]);
      anslag.push(`        - anslag: "1:${a + 1}"\n          namn: Anslag ${a + 1}\n          poster:\n${poster.join('\n')}\n          summa: {v: [${aSum.map(fmt).join(', ')}]}`);
    }
    total = total.map((x, i) => x + uoSum[i]);
    uos.push(`    - uo: ${u + 1}\n      namn: Utgiftsområde ${u + 1}\n      anslag:\n${anslag.join('\n')}\n      summa: {v: [${uoSum.map(fmt).join(', ')}]}`);
  }
  writeFileSync(
    path.join(dir, 'anslagsredovisning.yaml'),
    `anslagsredovisning:\n  kolumner: [ingaende_overforingsbelopp, tilldelning, omdisponerat, utnyttjat_medgivet_overskridande, indragning, totalt_disponibelt, utgifter, utgaende_overforingsbelopp]\n  utgiftsomraden:\n${uos.join('\n')}\n  summa: {v: [${total.map(fmt).join(', ')}]}\n`,
  );

  // Notes: 40 × factor tables of 14 lines and a sum, IB/UB style, both years.
  const notes = [];
  for (let n = 1; n <= 40 * factor; n++) {
    const rows = [];
    let s24 = 0, s23 = 0;
    for (let r = 1; r <= 14; r++) {
      const a = rand(), b = rand();
      s24 += a; s23 += b;
      rows.push(row(`rad${r}`, `Rad ${r}`, [a, b]));
    }
    rows.push(row('summa', 'Summa', [s24, s23], `, summa: [${Array.from({ length: 14 }, (_, i) => `rad${i + 1}`).join(', ')}]`));
    notes.push(table(`not${n}`, `Not ${n}`, 'not', rows, `    not: ${n}\n`));
  }
  // 1 000 notes a file: the loader refuses files over 20 MiB.
  const noteFiles = [];
  for (let i = 0; i < notes.length; i += 1000) {
    const name = `noter/noter-${noteFiles.length + 1}.yaml`;
    writeFileSync(path.join(dir, name), `tabeller:\n${notes.slice(i, i + 1000).join('')}`);
    noteFiles.push(name);
  }
  writeFileSync(path.join(dir, 'kanda-avvikelser.yaml'), 'kanda_avvikelser: []\n');
  writeFileSync(
    path.join(dir, 'ledger.yaml'),
    `myndighet: Syntetisk myndighet ${factor}x\nar: 2024\nlayout: ESV-2024\nenhet: tkr\nfiler:\n  - statements.yaml\n  - anslagsredovisning.yaml\n${noteFiles.map((f) => `  - ${f}\n`).join('')}kanda_avvikelser: kanda-avvikelser.yaml\n`,
  );
}
