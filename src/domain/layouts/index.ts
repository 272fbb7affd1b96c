import type { Layout, StatementKind } from '../model.js';
import { ESV_2024 } from './esv-2024.js';

/** Every layout version avstämning knows, by id. */
export const LAYOUT_VERSIONS: ReadonlyMap<string, readonly Layout[]> = new Map([[ESV_2024.id, ESV_2024.layouts]]);

export function layoutFor(version: string, kind: StatementKind): Layout | undefined {
  return LAYOUT_VERSIONS.get(version)?.find((l) => l.kind === kind);
}
