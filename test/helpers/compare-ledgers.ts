/**
 * Figure-by-figure comparison of an imported ledger with a hand-made one: per part, how
 * many of the hand-made figures the import has under the same id with the same value
 * (the same printed number), which it has with another value (wrong), and which it lacks.
 */
import type { Ledger } from '../../src/domain/model.js';

export interface PartComparison {
  readonly part: string;
  readonly total: number;
  readonly same: number;
  readonly wrong: readonly string[];
  readonly missing: readonly string[];
}

/** The part a figure id belongs to, by its table (notes by their tables' kind). */
export function partOf(ledger: Ledger, id: string): string {
  const table = id.split('.')[0]!;
  if (['anslag', 'inkomsttitel', 'bemyndigande', 'villkor', 'utestaende_ataganden'].includes(table)) return 'anslagsredovisning';
  const t = ledger.tables.find((x) => x.id === table);
  return t ? (t.kind === 'not' ? 'noter' : t.kind === 'tabell' ? 'tabeller' : t.kind) : table;
}

/**
 * Where a figure stood: statement and anslag figures by their id (layout line ids,
 * anslagspost ids); figures whose ids are free (notes, other tables, finansiella villkor)
 * by their note, source line and column position.
 */
export function figureKey(l: Ledger, id: string): string | undefined {
  const f = l.figures.get(id)!;
  const parts = id.split('.');
  const col = parts[parts.length - 1]!;
  if (parts[0] === 'villkor') return `villkor|${f.seed?.[0]}|${col}`;
  const t = l.tables.find((x) => x.id === parts[0]);
  if (!t || (t.kind !== 'not' && t.kind !== 'tabell')) return id;
  return `${t.kind}|${t.note ?? ''}|${f.seed?.[0]}|${t.columns.findIndex((c) => c.id === col)}`;
}

export function compareLedgers(hand: Ledger, imported: Ledger, key: (l: Ledger, id: string) => string | undefined = figureKey): PartComparison[] {
  const importedByKey = new Map<string, string>();
  for (const f of imported.figures.values()) {
    const k = key(imported, f.id);
    if (k !== undefined) importedByKey.set(k, f.value === null ? '–' : f.value.toString());
  }
  const parts = new Map<string, { total: number; same: number; wrong: string[]; missing: string[] }>();
  for (const f of hand.figures.values()) {
    const part = partOf(hand, f.id);
    const p = parts.get(part) ?? { total: 0, same: 0, wrong: [], missing: [] };
    parts.set(part, p);
    p.total++;
    const k = key(hand, f.id);
    const got = k === undefined ? undefined : importedByKey.get(k);
    const want = f.value === null ? '–' : f.value.toString();
    if (got === undefined) p.missing.push(f.id);
    else if (got === want) p.same++;
    else p.wrong.push(`${f.id}: ${f.printed} importerad som ${got}`);
  }
  return [...parts].map(([part, p]) => ({ part, ...p }));
}
