import type { Layout, LayoutVersion, StatementKind } from '../model.js';
import { ESV_2024 } from './esv-2024.js';
import { ESV_2024_UTAN_ANSLAG } from './utan-anslag.js';

export { lineRefs } from './derive.js';

/** Every layout version avstämning knows, by id. */
export const LAYOUT_VERSIONS: ReadonlyMap<string, LayoutVersion> = new Map([ESV_2024, ESV_2024_UTAN_ANSLAG].map((v) => [v.id, v]));

export function layoutFor(version: string, kind: StatementKind): Layout | undefined {
  return LAYOUT_VERSIONS.get(version)?.layouts.find((l) => l.kind === kind);
}
