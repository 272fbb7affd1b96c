// Placeholder until the workbook renderer lands (issue 4).
import type { Ledger } from '../domain/model.js';
import type { Reconciliation } from '../rules/types.js';
export async function writeWorkbook(_ledger: Ledger, _result: Reconciliation, _file: string): Promise<void> {
  throw new Error('the workbook renderer is not written yet');
}
