/**
 * Optional parts as FÅB makes them optional (a ledger of RR and BR only, an anslag without
 * anslagsposter, delposter, older anslag designations, inkomsttitlar without undertitlar)
 * and the definitions a ledger may set (driftkostnader, anslagssparande per anslag and by
 * anslag type, omdisponerat that moves ingående överföringsbelopp).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { reconcile } from '../src/rules/engine.js';
import type { Reconciliation } from '../src/rules/types.js';
import { anslagsredovisningOf, baseSpec, ledgerWith, loadSpec, removeLedgers, setFigure, tableOf, type LedgerSpec, type PlainMap } from './helpers/ledger.js';
import { naText } from './helpers/not-applicable.js';

afterAll(removeLedgers);

const discrepancies = (r: Reconciliation) => r.checks.filter((c) => c.status === 'discrepancy').map((c) => c.id);
/** Every reference to an anslag or anslagspost id renamed, as a user renaming it would. */
const renamed = (s: LedgerSpec, from: string, to: string): LedgerSpec => JSON.parse(JSON.stringify(s).replaceAll(from, to)) as LedgerSpec;
const anslag = (s: LedgerSpec, designation: string) =>
  ((anslagsredovisningOf(s).utgiftsomraden as PlainMap[]).flatMap((u) => u.anslag as PlainMap[])).find((a) => a.anslag === designation)!;
const manifest = (s: LedgerSpec) => s['ledger.yaml'] as PlainMap;

describe('optional parts', () => {
  it('a ledger of a resultaträkning and a balansräkning only loads, and the rules it cannot feed say why', async () => {
    const s = baseSpec();
    for (const f of ['vasentliga-uppgifter.yaml', 'finansieringsanalys.yaml', 'anslagsredovisning.yaml', 'regleringsbrev.yaml', 'noter.yaml', 'kanda-avvikelser.yaml']) delete s[f];
    manifest(s).filer = ['resultatrakning.yaml', 'balansrakning.yaml'];
    for (const t of ['rr', 'br']) for (const r of tableOf(s, t).rader as PlainMap[]) delete r.not;
    delete manifest(s).kanda_avvikelser;
    const r = reconcile((await loadSpec(s)).ledger);
    expect(discrepancies(r)).toEqual([]);
    expect(r.checks.some((c) => c.rule === 'A-1') && r.checks.some((c) => c.rule === 'B-1')).toBe(true);
    expect(naText(r)).toContainEqual({ rule: 'B-15', subject: 'anslagssparande och anslagskredit', reason: 'årsredovisningen har ingen anslagsredovisning' });
    expect(r.coverage.rulesNotApplicable).toEqual(expect.arrayContaining(['A-7', 'A-13', 'B-15', 'C-1']));
  });

  it('an anslag without anslagsposter has its own figures and id, and its rules run on it', async () => {
    const s = renamed(baseSpec(), 'uo13.1_3.ap1', 'uo13.1_3');
    const a = anslag(s, '1:3');
    a.v = (a.poster as PlainMap[])[0]!.v!;
    delete a.poster;
    const r = reconcile((await loadSpec(s)).ledger);
    expect(discrepancies(r)).toEqual([]);
    expect(r.checks.find((c) => c.id === 'A-8/anslag.uo13.1_3.utgaende_overforingsbelopp')?.status).toBe('ok');
    (a.v as string[])[6] = '-21 000'; // utgifter
    const wrong = reconcile((await loadSpec(s)).ledger);
    expect(discrepancies(wrong)).toContain('A-8/anslag.uo13.1_3.utgaende_overforingsbelopp');
  });

  it('an anslag with both poster and v, or neither, is an input error', async () => {
    const both = baseSpec();
    anslag(both, '1:3').v = ['0', '0', '0', '0', '0', '0', '0', '0'];
    await expect(loadSpec(both)).rejects.toThrow(/anslag 1:3: har både poster och v/);
    const neither = baseSpec();
    delete anslag(neither, '1:3').poster;
    await expect(loadSpec(neither)).rejects.toThrow(/anslag 1:3: saknar belopp/);
  });

  it('a delpost ("1.1") and an older designation ("A1") are ids like any other', async () => {
    let s = renamed(baseSpec(), 'uo8.1_2.ap1', 'uo8.1_2.ap1_1');
    ((anslag(s, '1:2').poster as PlainMap[])[0]!).ap = '1.1';
    s = renamed(s, 'uo13.1_3', 'uo13.a1');
    anslag(s, '1:3').anslag = 'A1';
    const { ledger } = await loadSpec(s);
    expect(ledger.figures.has('anslag.uo8.1_2.ap1_1.utgifter') && ledger.figures.has('anslag.uo13.a1.ap1.utgifter')).toBe(true);
    const r = reconcile(ledger);
    expect(discrepancies(r)).toEqual([]);
    expect(r.checks.find((c) => c.id === 'C-12/golv_etablering')?.subject).toContain('uo8.1_2.ap1_1');
  });

  it('an inkomsttitel without undertitlar counts with its own figures; a titel subtotal is checked', async () => {
    const titlar = (s: LedgerSpec) => (anslagsredovisningOf(s).inkomsttitlar as PlainMap).titlar as PlainMap[];
    const own = baseSpec();
    titlar(own)[0]!.v = ['38 000', '40 000'];
    delete titlar(own)[0]!.undertitlar;
    expect(discrepancies(reconcile((await loadSpec(own)).ledger))).toEqual([]);
    const subtotal = baseSpec();
    titlar(subtotal)[0]!.v = ['38 000', '41 000'];
    expect(discrepancies(reconcile((await loadSpec(subtotal)).ledger))).toEqual(['A-10/inkomsttitel.2511.inkomster', 'A-10/inkomsttitel.summa.inkomster']);
  });
});

describe('definitions in the ledger', () => {
  it('driftkostnader: the rows the ledger defines, not the layout default', async () => {
    // With avskrivningar (7 000), driftkostnad per årsarbetskraft is 1 070 for 100 årsarbetskrafter.
    const define = (s: LedgerSpec) => void (manifest(s).definitioner = { driftkostnader: ['kostnader_for_personal', 'kostnader_for_lokaler', 'ovriga_driftkostnader', 'avskrivningar'] });
    const stale = reconcile((await ledgerWith(define)).ledger);
    expect(discrepancies(stale)).toEqual(['B-17/vu.driftkostnad_per_arsarbetskraft.2024', 'B-17/vu.driftkostnad_per_arsarbetskraft.2023']);
    const { ledger } = await ledgerWith((s) => {
      define(s);
      setFigure(s, 'vu.driftkostnad_per_arsarbetskraft.2024', '1 070');
      setFigure(s, 'vu.driftkostnad_per_arsarbetskraft.2023', '1 044');
    });
    expect(discrepancies(reconcile(ledger))).toEqual([]);
  });

  it('driftkostnader naming no resultaträkning row is an input error', async () => {
    await expect(ledgerWith((s) => void (manifest(s).definitioner = { driftkostnader: ['kostnader_for_resor'] }))).rejects.toThrow(/driftkostnader: okänd rad "kostnader_for_resor"/);
  });

  it('anslagssparande per anslag: a row with anslag: is checked against that anslag only', async () => {
    const add = (v: string[]) => (s: LedgerSpec) =>
      void (tableOf(s, 'vu').rader as PlainMap[]).push({ id: 'sparande_1_2', text: 'varav 1:2', rad: 'anslagssparande', anslag: 'uo8.1_2', v });
    expect(discrepancies(reconcile((await ledgerWith(add(['7 000', '3 000']))).ledger))).toEqual([]);
    expect(discrepancies(reconcile((await ledgerWith(add(['8 000', '3 000']))).ledger))).toEqual(['B-15/vu.sparande_1_2.2024']);
    await expect(ledgerWith((s) => (add(['7 000', '3 000'])(s), ((tableOf(s, 'vu').rader as PlainMap[]).at(-1)!.anslag = 'uo8.9_9')))).rejects.toThrow(/okänt anslag "uo8.9_9"/);
  });

  it('anslagssparande covers ramanslag by default; definitioner can widen it to every anslag', async () => {
    const obetecknat = (s: LedgerSpec) => void (anslag(s, '1:2').typ = 'obetecknat anslag');
    expect(discrepancies(reconcile((await ledgerWith(obetecknat)).ledger))).toEqual(['B-15/vu.anslagssparande.2024', 'B-15/vu.anslagssparande.2023']);
    const all = await ledgerWith((s) => (obetecknat(s), (manifest(s).definitioner = { anslagssparande: 'alla' })));
    expect(discrepancies(reconcile(all.ledger))).toEqual([]);
  });

  it('omdisponerat that moves ingående överföringsbelopp: C-7 compares the tilldelning column alone', async () => {
    const moves = (s: LedgerSpec) => void (manifest(s).definitioner = { omdisponerat_flyttar_ingaende: 'true' });
    const r = reconcile((await ledgerWith(moves)).ledger);
    const c7 = r.checks.find((c) => c.id === 'C-7/uo8.1_1.ap1')!;
    expect(c7.leftTerms.map((t) => t.figure)).toEqual(['anslag.uo8.1_1.ap1.tilldelning']);
    expect(c7.status).toBe('discrepancy');
    const base = reconcile((await ledgerWith()).ledger).checks.find((c) => c.id === 'C-7/uo8.1_1.ap1')!;
    expect(base.leftTerms.map((t) => t.figure)).toEqual(['anslag.uo8.1_1.ap1.tilldelning', 'anslag.uo8.1_1.ap1.omdisponerat']);
  });
});
