/** The order of ledgers in every report of a run over many, and in a merge of its shards. */

/** The agency part of a ledger's path (relative, with `/`): the directory above it. */
export const agencyOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');

/** By agency, then by path: the years of one agency stay together whatever the names. */
export function ledgerOrder(a: string, b: string): number {
  const x = agencyOf(a);
  const y = agencyOf(b);
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
