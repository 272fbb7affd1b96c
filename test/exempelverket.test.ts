/**
 * The second bundled ledger, an invented agency of another shape (no finansieringsanalys,
 * costs printed without minus, fee-financed activity at full cost, uppbörd, a loan, an
 * anslag without anslagsposter): it reconciles with every figure read, and an error twin,
 * made here by changing a copy, has one planted error per rule family, each found.
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLedger } from '../src/ledger/load.js';
import { reconcile } from '../src/rules/engine.js';
import { naText } from './helpers/not-applicable.js';

const DIR = 'ledgers/exempelverket/2024';
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('Exempelverket 2024 (invented)', () => {
  it('says in every file that the agency is invented', async () => {
    for (const f of await readdir(DIR)) expect(await readFile(path.join(DIR, f), 'utf8'), f).toContain('PÅHITTAD MYNDIGHET (INVENTED AGENCY)');
  });

  it('reconciles: no discrepancy, every figure read or its reason given, the missing FA reported as such', async () => {
    const r = reconcile(await loadLedger(DIR));
    expect(r.checks.filter((c) => c.status !== 'ok' && c.status !== 'rounding')).toEqual([]);
    expect(r.checks.length).toBeGreaterThan(100);
    expect(r.coverage.unjustified).toEqual([]);
    expect(naText(r)).toContainEqual({ rule: 'B-11', subject: 'likvida medel vid årets slut', reason: 'årsredovisningen har ingen finansieringsanalys' });
    expect(naText(r)).toContainEqual({ rule: 'A-13', subject: 'Finansieringsanalys', reason: 'årsredovisningen har ingen finansieringsanalys' });
  });

  it('reads its costs, printed without minus, as negative amounts', async () => {
    const f = (await loadLedger(DIR)).figures.get('rr.kostnader_for_personal.2024')!;
    expect([f.printed, f.value!.toString()]).toEqual(['48 000', '-48000']);
  });
});

/** One planted error per rule family: the file, the text as printed and as planted, and the rule and figure that must report it. */
const PLANTED = [
  // A: arithmetic inside a statement.
  { file: 'balansrakning.yaml', from: '{id: kundfordringar, text: Kundfordringar, v: [1 100, 900]}', to: '{id: kundfordringar, text: Kundfordringar, v: [1 600, 900]}', rule: 'A-6', figure: 'br.kundfordringar.2024' },
  // A: a total column declared once for the fee table.
  { file: 'noter.yaml', from: 'v: [600, 8 000, -7 700, 300, 900]', to: 'v: [600, 8 000, -7 200, 300, 900]', rule: 'A-21', figure: 'not03.tillstand.kostnader' },
  // B: a tie between statements.
  { file: 'vasentliga-uppgifter.yaml', from: 'v: [18 400, 16 900]}', to: 'v: [18 900, 16 900]}', rule: 'B-12', figure: 'vu.laneram_utnyttjad.2024' },
  // B: a tie the ledger declares (uppbörd against the inkomsttitlar).
  { file: 'anslagsredovisning.yaml', from: '{titel: "2811", namn: Övriga inkomster av statens verksamhet, v: [–, 400]}', to: '{titel: "2811", namn: Övriga inkomster av statens verksamhet, v: [–, 900]}', rule: 'A-10', figure: 'inkomsttitel.2811.inkomster' },
  // C: a limit of the regleringsbrev: the credit used above the credit granted.
  { file: 'regleringsbrev.yaml', from: 'tilldelning: 60 000, anslagskredit: 1 800}', to: 'tilldelning: 60 000, anslagskredit: 1 000}', rule: 'C-1', figure: 'rb.uo2.2_1.ap1.2023-12-14.anslagskredit' },
  // C: a finansiellt villkor exceeded.
  { file: 'anslagsredovisning.yaml', from: 'typ: tak, v: [2 000, 1 650]}', to: 'typ: tak, v: [2 000, 2 350]}', rule: 'C-12', figure: 'villkor.internationellt.utfall' },
  // P: opening balance ≠ last year's closing (the year's sum kept by moving the difference).
  { file: 'noter.yaml', from: '{id: ingaende, text: Ingående skuld, v: [16 900, 15 500]}', to: '{id: ingaende, text: Ingående skuld, v: [16 400, 15 500]}', rule: 'P-1', figure: 'not02.ingaende.2024' },
  { file: 'noter.yaml', from: '{id: nya_lan, text: Under året nyupptagna lån, v: [4 300, 3 800]}', to: '{id: nya_lan, text: Under året nyupptagna lån, v: [4 800, 3 800]}', rule: 'P-1', figure: 'not02.ingaende.2024' },
] as const;

describe('the error twin', () => {
  it('finds every planted error with the rule of its family', async () => {
    const twin = await mkdtemp(path.join(tmpdir(), 'avstamning-twin-'));
    dirs.push(twin);
    await cp(DIR, twin, { recursive: true });
    for (const p of PLANTED) {
      const file = path.join(twin, p.file);
      const text = await readFile(file, 'utf8');
      expect(text.split(p.from).length, `${p.file}: ${p.from}`).toBe(2);
      await writeFile(file, text.replace(p.from, p.to));
    }
    const r = reconcile(await loadLedger(twin));
    const found = r.checks.filter((c) => c.status === 'discrepancy');
    for (const p of PLANTED) {
      expect(found.some((c) => c.rule === p.rule && c.figures.includes(p.figure)), `${p.rule} ${p.figure}`).toBe(true);
    }
    // Besides the families planted, only the rules that read the same figures report: the
    // inkomsttitlar's sum also feeds the declared uppbörd tie (B-23), the loan the note's sum.
    const families = new Set([...PLANTED.map((p) => p.rule), 'B-23', 'A-19']);
    expect([...new Set(found.map((c) => c.rule))].filter((rule) => !families.has(rule))).toEqual([]);
  });
});
