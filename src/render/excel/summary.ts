/** The summary, the note index and the coverage sheet. */
import { UNITS } from '../../domain/amount.js';
import type { Context } from './context.js';
import { decimalsOf, SHEET, toCellNumber } from './context.js';
import type { CheckRows } from './checks.js';
import { COL, STATUS_TEXT } from './checks.js';
import type { Cell, SheetBuilder, SheetPlan } from './plan.js';
import { formula, link, linkTo, num, ref, text } from './plan.js';
import { numberStyle, S, textStyle } from './styles.js';
import { render } from '../../messages/catalogue.js';

export function summarySheet(ctx: Context, name: string, checks: CheckRows): SheetPlan {
  const { ledger } = ctx;
  const b = ctx.sheet(name, { minWidths: [28, 14, 40, 12, 10, 12], maxWidths: [48, 60, 70, 18, 12, 16] });
  b.addWide([text(`Avstämning ${ledger.agency} ${ledger.year}`, S.title)], 21);
  b.addWide([text(ctx.subtitle, S.subtitle)]);
  b.blank();
  verdictAndCounts(ctx, b, checks);
  b.blank();
  b.addWide([text('Färgkod på Avstämningar: röd = avvikelse, orange = känd avvikelse (med orsak), ljusgul = avrundningsdifferens inom toleransen, ingen färg = ok.', S.subtitle)]);
  checkList(ctx, b, checks, 'Avvikelser', 'discrepancy');
  checkList(ctx, b, checks, 'Kända avvikelser', 'acknowledged');
  staleList(ctx, b, checks);
  b.frozen = { rows: 1, columns: 0 };
  b.printTitles = '1:2';
  return b.build();
}

/** The verdict, the ledger's facts and the count of checks per status: formulas over the check sheet's status column. */
function verdictAndCounts(ctx: Context, b: SheetBuilder, checks: CheckRows): void {
  const { ledger, result: r } = ctx;
  const count = (label: string) => checks.statusRanges.map((range) => `COUNTIF(${range},"${label}")`).join('+');
  const s = r.summary;
  const verdict = s.discrepancy
    ? `${s.discrepancy} ${s.discrepancy > 1 ? 'AVVIKELSER' : 'AVVIKELSE'} ATT ÅTGÄRDA`
    : `ALLT STÄMMER${s.acknowledged ? ' (med kända avvikelser)' : ''}`;
  const facts: [string, string | number][] = [
    ['Myndighet', ledger.agency],
    ...(ledger.orgnr ? [['Organisationsnummer', ledger.orgnr] as [string, string]] : []),
    ['Räkenskapsår', ledger.year],
    ['Layout', ledger.layout],
    ['Enhet', UNITS[ledger.unit].label],
    ['Årsredovisningsfiler', ledger.files.length],
    ['Figurer', r.coverage.figures],
  ];
  const verdictRow = b.next;
  // Verdict, the facts, the Kontroller row, then one row per status.
  const countsFirst = verdictRow + 1 + facts.length + 1;
  const cDisc = `B${countsFirst + 2}`;
  const cAck = `B${countsFirst + 3}`;
  b.addWide(
    [
      text('Resultat', S.textBold),
      formula(
        `IF(${cDisc}>0,IF(${cDisc}=1,"1 AVVIKELSE ATT ÅTGÄRDA",${cDisc}&" AVVIKELSER ATT ÅTGÄRDA"),IF(${cAck}>0,"ALLT STÄMMER (med kända avvikelser)","ALLT STÄMMER"))`,
        verdict,
        s.discrepancy ? S.verdictBad : S.verdictGood,
      ),
    ],
    21,
  );
  for (const [k, v] of facts) b.add([text(k, S.textBold), typeof v === 'number' ? num(v, numberStyle(0, { left: true })) : text(v, S.text)]);
  b.add([link('Kontroller', linkTo({ sheet: checks.sheet, row: 1, col: 1 }), textStyle({ link: true, bold: true })), num(s.checks, numberStyle(0, { left: true }))]);
  // countsFirst: one row per status, in the colour of the status.
  const statuses = [
    ['ok', s.ok],
    ['rounding', s.rounding],
    ['discrepancy', s.discrepancy],
    ['acknowledged', s.acknowledged],
  ] as const;
  if (b.next !== countsFirst) throw new Error('sammanfattningens rader har flyttats');
  for (const [status, n] of statuses) {
    const label = STATUS_TEXT[status];
    b.add([text(label, textStyle({ fill: status, indent: true })), formula(count(label), n, numberStyle(0, { fill: status, left: true }))]);
  }
  b.add([text('Inaktuella kända avvikelser', S.textBold), num(s.stale, numberStyle(0, { left: true }))]);
  b.add([
    link('Täckning', linkTo({ sheet: SHEET.coverage, row: 1, col: 1 }), textStyle({ link: true, bold: true })),
    text(`${r.coverage.covered} av ${r.coverage.figures} figurer läses av minst en kontroll; ${r.coverage.uncovered.length} olästa, varav ${r.coverage.unjustified.length} utan motivering`, S.text),
  ]);
  if (r.acknowledgementsIgnored) b.addWide([text('Kända avvikelser ignoreras (--ignore-acknowledgements).', S.textBold)]);
}

/** The checks of one status, each linked to its row on the check sheet, difference and status as formulas there. */
function checkList(ctx: Context, b: SheetBuilder, checks: CheckRows, title: string, status: 'discrepancy' | 'acknowledged'): void {
  const items = ctx.result.checks.filter((c) => c.status === status);
  b.blank();
  b.addWide([text(`${title} (${items.length})`, S.section)]);
  if (!items.length) {
    b.add([text('inga', S.text)]);
    return;
  }
  b.add(['Kontroll-id', 'Avser', 'Orsak', 'Differens', 'Tolerans ±', 'Status'].map((h, i) => text(h, i === 3 || i === 4 ? S.headerRight : S.headerLeft)));
  for (const c of items) {
    const row = checks.rows.get(c.id)!;
    const target = (col: number) => ref(checks.at(row, col));
    const fill = c.status;
    b.add([
      link(c.id, linkTo(checks.at(row, 1)), textStyle({ link: true, fill })),
      text(c.subject, textStyle({ fill })),
      text(c.reason ?? '', textStyle({ fill })),
      formula(target(COL.difference), toCellNumber(c.difference), numberStyle(decimalsOf(c.difference), { fill })),
      num(toCellNumber(c.tolerance), numberStyle(decimalsOf(c.tolerance), { fill })),
      formula(target(COL.status), STATUS_TEXT[c.status], textStyle({ fill, bad: status === 'discrepancy' })),
    ]);
  }
}

/** Acknowledgements that match no discrepancy, and why. */
function staleList(ctx: Context, b: SheetBuilder, checks: CheckRows): void {
  const { stale } = ctx.result;
  b.blank();
  b.addWide([text(`Inaktuella kända avvikelser (${stale.length})`, S.section)]);
  if (!stale.length) {
    b.add([text('inga', S.text)]);
    return;
  }
  b.add(['Kontroll-id', 'Varför inaktuell', 'Orsak', 'Källa'].map((h) => text(h, S.headerLeft)));
  for (const a of stale) {
    const row = checks.rows.get(a.check);
    b.add([
      row ? link(a.check, linkTo(checks.at(row, 1))) : text(a.check, S.text),
      text(render(a.why), S.text),
      text(a.reason, S.text),
      text(`${a.source.file}:${a.source.line}`, S.text),
    ]);
  }
}

export function coverageSheet(ctx: Context, name: string): SheetPlan {
  const { result: r } = ctx;
  const b = ctx.sheet(name, { minWidths: [30, 40, 12, 6, 24, 30], maxWidths: [60, 70, 16, 8, 40, 80], landscape: true });
  b.addWide([text('Täckning: figurer som ingen kontroll läser', S.title)], 21);
  b.addWide([text(`${ctx.subtitle} · ${r.coverage.covered} av ${r.coverage.figures} figurer läses av minst en kontroll; ${r.coverage.uncovered.length} olästa, varav ${r.coverage.unjustified.length} utan motivering`, S.subtitle)]);
  const header = b.add(['Figur-id', 'Beskrivning', 'Värde', 'Enhet', 'Källa (fil:rad)', 'Motivering (olasta_figurer)'].map((h, i) => text(h, i === 2 ? S.headerRight : S.headerLeft)));
  const why = new Map<string, string>();
  for (const j of r.coverage.justified ?? []) for (const id of j.figures) why.set(id, j.reason);
  for (const id of r.coverage.uncovered) {
    const f = ctx.figure(id);
    const at = ctx.figures.get(id);
    const reason = why.get(id);
    b.add([
      at ? link(id, linkTo(at)) : text(id, S.text),
      text(f?.label ?? '', S.text),
      f?.value ? num(toCellNumber(f.value), numberStyle(f.decimals)) : text('–', S.empty),
      text(f ? UNITS[f.unit].label : '', S.text),
      text(f ? `${f.source.file}:${f.source.line}` : '', S.text),
      reason ? text(reason, S.text) : text('saknas: en regel eller en motivering fattas', textStyle({ bad: true })),
    ]);
  }
  b.frozen = { rows: header, columns: 1 };
  b.printTitles = `1:${header}`;
  return b.build();
}
