/**
 * Where in a ledger file a value is, in the words of the report rather than of the data
 * structure: `rad br.kassa_och_bank "Kassa och bank"` or `figur br.kassa_och_bank.2024`,
 * not `tabeller.0.rader.1.v.0`. Used to name the place of a structural error.
 */
import type { Path, Plain } from './yaml-source.js';

/** What one element of each list is called. */
const ELEMENT: ReadonlyMap<string, string> = new Map([
  ['tabeller', 'tabell'],
  ['kolumner', 'kolumn'],
  ['avstamningar', 'avstämning'],
  ['noter', 'not'],
  ['utgiftsomraden', 'utgiftsområde'],
  ['anslagsposter', 'anslagspost'],
  ['bemyndiganderamar', 'bemyndiganderam'],
  ['laneram', 'låneram'],
  ['kontokredit', 'kontokredit'],
  ['titlar', 'inkomsttitel'],
  ['undertitlar', 'undertitel'],
  ['kanda_avvikelser', 'känd avvikelse'],
  ['olasta_figurer', 'oläst figur'],
  ['filer', 'fil'],
  ['periodisering', 'periodisering'],
  ['beslut', 'beslut'],
  ['figurer', 'figur'],
  ['vanster', 'vänster term'],
  ['hoger', 'höger term'],
  ['summa', 'term'],
  ['rader', 'rad'],
]);

/** Sections named in words. */
const SECTION: ReadonlyMap<string, string> = new Map([
  ['anslagsredovisning', 'anslagsredovisningen'],
  ['regleringsbrev', 'regleringsbrevet'],
  ['inkomsttitlar', 'inkomsttitlarna'],
  ['bemyndiganden', 'bemyndigandena'],
  ['finansiella_villkor', 'finansiella villkor'],
]);

/** Keys that name an element, in order of preference. */
const NAME_KEYS = ['id', 'anslagspost', 'not', 'titel', 'undertitel', 'datum', 'kontroll'] as const;

const field = (v: Plain | undefined, key: string): string | undefined => {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
  const x = (v as { [k: string]: Plain })[key];
  return typeof x === 'string' ? x : undefined;
};
const child = (v: Plain | undefined, seg: string | number): Plain | undefined => {
  if (v === null || v === undefined || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) return typeof seg === 'number' ? v[seg] : undefined;
  return typeof seg === 'string' && Object.prototype.hasOwnProperty.call(v, seg) ? v[seg] : undefined;
};

/** The place of `path` in `root`, in words; '' for the top of the file. */
export function describePlace(root: Plain, path: Path): string {
  const parts: string[] = [];
  let node: Plain | undefined = root;
  /** Ids of the enclosing table and row, and of the anslag hierarchy, to name figures. */
  let table: Plain | undefined;
  let row: Plain | undefined;
  let anslagId = '';
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    node = child(node, seg);
    if (typeof seg === 'string') {
      const section = SECTION.get(seg);
      if (section) parts.push(section);
      else if (i === path.length - 1 || typeof path[i + 1] !== 'number') parts.push(seg);
      continue;
    }
    const list = String(path[i - 1] ?? '');
    const n = seg + 1;
    const id = field(node, 'id');
    if (list === 'tabeller') {
      table = node;
      parts.push(`tabell ${id ?? `nr ${n}`}`);
    } else if (list === 'rader' && table) {
      row = node;
      const text = field(node, 'text');
      if (id) parts[parts.length - 1] = `rad ${field(table, 'id') ?? '?'}.${id}${text ? ` "${text}"` : ''}`;
      else parts.push(`rad nr ${n}`);
    } else if (list === 'v' && table && row) {
      const columns = child(table, 'kolumner');
      const column = field(child(columns, seg), 'id');
      parts[parts.length - 1] = column ? `figur ${field(table, 'id')}.${field(row, 'id')}.${column}` : `${parts.at(-1)}, värde ${n}`;
    } else if (list === 'utgiftsomraden') {
      anslagId = `uo${field(node, 'uo') ?? n}`;
      parts.push(`utgiftsområde ${field(node, 'uo') ?? `nr ${n}`}`);
    } else if (list === 'anslag') {
      anslagId = `${anslagId}.${(field(node, 'anslag') ?? `nr ${n}`).replace(':', '_')}`;
      parts[parts.length - 1] = `anslag ${anslagId}`;
    } else if (list === 'poster') {
      parts[parts.length - 1] = `anslagspost ${anslagId}.ap${field(node, 'ap') ?? `nr ${n}`}`;
    } else if (list === 'v') {
      parts.push(`värde ${n}`);
    } else {
      const name = NAME_KEYS.map((k) => field(node, k)).find((x) => x !== undefined);
      const element = ELEMENT.get(list) ?? list;
      parts.push(`${element} ${name ?? (typeof node === 'string' && node.length < 60 ? `"${node}"` : `nr ${n}`)}`);
    }
  }
  return parts.join(', ');
}
