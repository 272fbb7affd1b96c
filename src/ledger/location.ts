/**
 * Where in a ledger file a value is, in the words of the report rather than of the data
 * structure: `rad br.kassa_och_bank "Kassa och bank"` or `figur br.kassa_och_bank.2024`,
 * not `tabeller.0.rader.1.v.0`. Used to name the place of a structural error; the words come
 * from the message catalogue (PLATS).
 */
import { PLATS } from '../messages/catalogue.js';
import type { Path, Plain } from './yaml-source.js';

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
      const section = PLATS.avsnitt(seg);
      if (section) parts.push(section);
      else if (i === path.length - 1 || typeof path[i + 1] !== 'number') parts.push(seg);
      continue;
    }
    const list = String(path[i - 1] ?? '');
    const n = seg + 1;
    const id = field(node, 'id');
    if (list === 'tabeller') {
      table = node;
      parts.push(PLATS.tabell(id, n));
    } else if (list === 'rader' && table) {
      row = node;
      const text = field(node, 'text');
      if (id) parts[parts.length - 1] = PLATS.rad(`${field(table, 'id') ?? '?'}.${id}`, text);
      else parts.push(PLATS.radNr(n));
    } else if (list === 'v' && table && row) {
      const columns = child(table, 'kolumner');
      const column = field(child(columns, seg), 'id');
      parts[parts.length - 1] = column ? PLATS.figur(`${field(table, 'id')}.${field(row, 'id')}.${column}`) : `${parts.at(-1)}, ${PLATS.varde(n)}`;
    } else if (list === 'utgiftsomraden') {
      anslagId = `uo${field(node, 'uo') ?? n}`;
      parts.push(PLATS.utgiftsomrade(field(node, 'uo'), n));
    } else if (list === 'anslag') {
      anslagId = `${anslagId}.${(field(node, 'anslag') ?? PLATS.nr(n)).replace(':', '_')}`;
      parts[parts.length - 1] = PLATS.anslag(anslagId);
    } else if (list === 'poster') {
      parts[parts.length - 1] = PLATS.anslagspost(`${anslagId}.ap${field(node, 'ap') ?? PLATS.nr(n)}`);
    } else if (list === 'v') {
      parts.push(PLATS.varde(n));
    } else {
      const name = NAME_KEYS.map((k) => field(node, k)).find((x) => x !== undefined);
      parts.push(PLATS.element(list, name ?? (typeof node === 'string' && node.length < 60 ? `"${node}"` : PLATS.nr(n))));
    }
  }
  return parts.join(', ');
}
