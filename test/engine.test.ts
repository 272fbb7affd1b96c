/**
 * The engine around the rules: acknowledged differences (kända avvikelser), coverage,
 * unique and deterministic check ids, and the exit codes of the built CLI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../src/rules/engine.js';
import { render } from '../src/messages/catalogue.js';
import type { Reconciliation } from '../src/rules/types.js';
import {
  acknowledge,
  baseSpec,
  explainUnread,
  ledgerWith,
  loadSpec,
  removeLedgers,
  setFigure,
  shiftFigure,
  tableOf,
  writeLedger,
  type LedgerSpec,
  type PlainMap,
} from './helpers/ledger.js';

/** A discrepancy of B-2: the väsentliga uppgifter print 1 200 for årets kapitalförändring, the RR 200. */
const B2 = 'B-2/vu.arets_kapitalforandring.2024~rr.arets_kapitalforandring.2024';
const misprint = (s: LedgerSpec) => setFigure(s, 'vu.arets_kapitalforandring.2024', '1 200');
const REASON = 'Tryckfel i sammanställningen: 1 200 ska vara 200 enligt resultaträkningen.';

const find = (r: Reconciliation, id: string) => r.checks.find((c) => c.id === id);

afterAll(removeLedgers);

describe('acknowledgements', () => {
  it('turn the discrepancy they name by check id into acknowledged, with the reason', async () => {
    const { ledger } = await ledgerWith((s) => {
      misprint(s);
      acknowledge(s, [{ kontroll: B2, figurer: ['vu.arets_kapitalforandring.2024'], orsak: REASON }]);
    });
    const r = reconcile(ledger);
    expect(find(r, B2)).toMatchObject({ status: 'acknowledged', reason: REASON, rule: 'B-2' });
    expect(r.summary).toMatchObject({ discrepancy: 0, acknowledged: 1, stale: 0 });
    expect(r.stale).toEqual([]);
    // Only the acknowledged check changes: every other check is as without the entry.
    const plain = reconcile((await ledgerWith(misprint)).ledger);
    expect(find(plain, B2)!.status).toBe('discrepancy');
    expect(r.checks.filter((c) => c.id !== B2)).toEqual(plain.checks.filter((c) => c.id !== B2));
  });

  it('match by check id alone when they name no figures', async () => {
    const { ledger } = await ledgerWith((s) => {
      misprint(s);
      acknowledge(s, [{ kontroll: B2, orsak: REASON }]);
    });
    const r = reconcile(ledger);
    expect(find(r, B2)).toMatchObject({ status: 'acknowledged', reason: REASON });
    expect(r.stale).toEqual([]);
  });

  it('do not match when they name a figure the check does not read, and are then stale', async () => {
    const { ledger } = await ledgerWith((s) => {
      misprint(s);
      acknowledge(s, [{ kontroll: B2, figurer: ['vu.arets_kapitalforandring.2024', 'rr.summa_intakter.2024'], orsak: REASON }]);
    });
    const r = reconcile(ledger);
    const check = find(r, B2)!;
    expect(check.status).toBe('discrepancy');
    expect(check).not.toHaveProperty('reason');
    expect(r.summary).toMatchObject({ discrepancy: 1, acknowledged: 0, stale: 1 });
    expect(r.stale).toEqual([
      expect.objectContaining({
        check: B2,
        figures: ['vu.arets_kapitalforandring.2024', 'rr.summa_intakter.2024'],
        reason: REASON,
        why: { code: 'inaktuell.figurer', params: {} },
      }),
    ]);
    expect(r.stale[0]!.source.file).toBe('kanda-avvikelser.yaml');
  });

  it('for a check that is ok are stale, and say why', async () => {
    const ok = 'B-2/vu.balanserad_kapitalforandring.2024~br.balanserad_kapitalforandring.2024';
    const { ledger } = await ledgerWith((s) => acknowledge(s, [{ kontroll: ok, orsak: 'Gammal anteckning.' }]));
    const r = reconcile(ledger);
    expect(find(r, ok)!.status).toBe('ok');
    expect(find(r, ok)).not.toHaveProperty('reason');
    expect(r.stale).toHaveLength(1);
    expect(r.stale[0]).toMatchObject({ check: ok, reason: 'Gammal anteckning.', why: { code: 'inaktuell.status', params: { status: 'ok' } } });
    expect(render(r.stale[0]!.why)).toBe('kontrollen har status ok, inte avvikelse');
    expect(r.summary).toMatchObject({ discrepancy: 0, acknowledged: 0, stale: 1 });
  });

  it('for a check id that does not exist are stale', async () => {
    const { ledger } = await ledgerWith((s) => acknowledge(s, [{ kontroll: 'B-2/finns.inte', orsak: 'Felskrivet id.' }]));
    const r = reconcile(ledger);
    expect(r.stale).toEqual([expect.objectContaining({ check: 'B-2/finns.inte', why: { code: 'inaktuell.okand_kontroll', params: {} } })]);
  });

  it('are ignored with ignoreAcknowledgements: discrepancies stay, nothing is stale', async () => {
    const { ledger } = await ledgerWith((s) => {
      misprint(s);
      acknowledge(s, [
        { kontroll: B2, orsak: REASON },
        { kontroll: 'B-2/finns.inte', orsak: 'Felskrivet id.' },
      ]);
    });
    const r = reconcile(ledger, { ignoreAcknowledgements: true });
    expect(r.acknowledgementsIgnored).toBe(true);
    expect(find(r, B2)!.status).toBe('discrepancy');
    expect(find(r, B2)).not.toHaveProperty('reason');
    expect(r.checks.filter((c) => c.status === 'acknowledged')).toEqual([]);
    expect(r.stale).toEqual([]);
    expect(r.summary).toMatchObject({ discrepancy: 1, acknowledged: 0, stale: 0 });
    // Without the option the same ledger acknowledges the one and reports the other as stale.
    const honoured = reconcile(ledger);
    expect(honoured.acknowledgementsIgnored).toBe(false);
    expect(honoured.summary).toMatchObject({ discrepancy: 0, acknowledged: 1, stale: 1 });
  });
});

describe('coverage', () => {
  /** Figures of the base ledger that no check reads, and why. */
  const BASE_UNCOVERED = [
    'rb.uo8.1_1.ap1.2023-12-20.anslagskredit', // superseded by the later decision
    'rb.laneram.2023-12-20', // superseded by the later låneram
    'not01.medel_for_bidrag.2023', // the declared tie is about 2024
    'arenden.oppna_ib.2023', // no 2022 column to continue from
    'arenden.oppna_ub.2024', // no 2025 column continues from it
  ];

  it('lists exactly the figures that no check reads', async () => {
    const { ledger } = await ledgerWith();
    const r = reconcile(ledger);
    const read = new Set(r.checks.flatMap((c) => c.figures));
    const unread = [...ledger.figures.keys()].filter((id) => !read.has(id));
    expect(r.coverage.uncovered).toEqual(unread);
    expect([...r.coverage.uncovered].sort()).toEqual([...BASE_UNCOVERED].sort());
    expect(r.coverage).toMatchObject({ figures: ledger.figures.size, covered: ledger.figures.size - BASE_UNCOVERED.length });
    // The base ledger gives no reasons (olasta_figurer), so every unread figure is unjustified.
    expect(r.coverage.unjustified).toEqual(r.coverage.uncovered);
    expect(r.coverage.justified).toEqual([]);
  });

  it('lists a figure that is added without anything reading it', async () => {
    const { ledger } = await ledgerWith((s) => {
      const tables = (s['noter.yaml'] as PlainMap).tabeller as PlainMap[];
      tables.push({
        id: 'ovrigt',
        titel: 'Övrig upplysning',
        typ: 'tabell',
        kolumner: [{ id: '2024', rubrik: '2024' }],
        rader: [{ id: 'antal_resor', text: 'Antal tjänsteresor', v: ['1 234'] }],
      });
    });
    const r = reconcile(ledger);
    expect([...r.coverage.uncovered].sort()).toEqual([...BASE_UNCOVERED, 'ovrigt.antal_resor.2024'].sort());
    expect(r.coverage.figures).toBe(ledger.figures.size);
    expect(r.coverage.covered).toBe(ledger.figures.size - BASE_UNCOVERED.length - 1);
  });

  it('sorts the unread figures into those the ledger gives a reason for and the rest', async () => {
    const why = 'Beslut som ersatts av ett senare beslut läses inte.';
    const { ledger } = await ledgerWith((s) => explainUnread(s, [{ figurer: ['rb.*.2023-12-20*'], orsak: why }]));
    const r = reconcile(ledger);
    expect([...r.coverage.uncovered].sort()).toEqual([...BASE_UNCOVERED].sort());
    expect(r.coverage.justified).toEqual([{ reason: why, figures: ['rb.uo8.1_1.ap1.2023-12-20.anslagskredit', 'rb.laneram.2023-12-20'] }]);
    expect([...r.coverage.unjustified].sort()).toEqual(
      BASE_UNCOVERED.filter((id) => !id.startsWith('rb.')).sort(),
    );
    // A reason does not make a figure read: the counts stay.
    expect(r.coverage.covered).toBe(ledger.figures.size - BASE_UNCOVERED.length);
  });

  it('counts a figure as covered once a check reads it', async () => {
    // Declaring 2023's medel för bidrag in a tie makes it read; the tie holds (90 000 + 18 000 = 108 000).
    const { ledger } = await ledgerWith((s) => {
      ((s['noter.yaml'] as PlainMap).avstamningar as PlainMap[]).push({
        id: 'bidrag_2023',
        titel: 'Medel för bidrag 2023 = RR',
        vanster: ['not01.medel_for_bidrag.2023'],
        hoger: ['rr.transf_medel_fran_statens_budget.2023'],
      });
    });
    const r = reconcile(ledger);
    expect(find(r, 'B-23/bidrag_2023')!.status).toBe('ok');
    expect(r.coverage.uncovered).not.toContain('not01.medel_for_bidrag.2023');
    expect(r.coverage.uncovered).toHaveLength(BASE_UNCOVERED.length - 1);
  });
});

describe('check ids', () => {
  it('are unique', async () => {
    const r = reconcile((await ledgerWith()).ledger);
    const ids = r.checks.map((c) => c.id);
    expect(ids.length).toBeGreaterThan(100);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of r.checks) expect(c.id.startsWith(`${c.rule}/`), c.id).toBe(true);
  });

  it('and results are deterministic: two runs, and two loads of the same ledger, give equal results', async () => {
    const spec = baseSpec();
    misprint(spec);
    const a = await loadSpec(spec);
    const b = await loadSpec(spec);
    expect(a.dir).not.toBe(b.dir);
    const first = reconcile(a.ledger);
    expect(reconcile(a.ledger)).toEqual(first);
    expect(JSON.stringify(reconcile(b.ledger))).toBe(JSON.stringify(first));
  });

  it('get a stable suffix when two checks would share an id', async () => {
    // The layout already ties likvida medel IB 2024 to UB 2023 (P-1); declaring the same
    // periodisering on the table makes a second check of the same figure.
    const dup = (s: LedgerSpec) => {
      tableOf(s, 'fa').periodisering = [{ ingaende: 'likvida_medel_ib', utgaende: 'likvida_medel_ub' }];
    };
    const one = reconcile((await ledgerWith(dup)).ledger);
    const two = reconcile((await ledgerWith(dup)).ledger);
    const ids = one.checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith('P-1/fa.likvida_medel_ib.2024'))).toEqual(['P-1/fa.likvida_medel_ib.2024', 'P-1/fa.likvida_medel_ib.2024#2']);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  it('do not depend on the order of the ledger files', async () => {
    const forward = reconcile((await ledgerWith(misprint)).ledger);
    const backward = reconcile(
      (
        await ledgerWith((s) => {
          misprint(s);
          ((s['ledger.yaml'] as PlainMap).filer as string[]).reverse();
        })
      ).ledger,
    );
    const byId = (r: Reconciliation) => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
    expect(byId(backward)).toEqual(byId(forward));
  });
});

describe('the CLI (node dist/cli/main.js reconcile <dir> --no-xlsx)', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const cli = path.join(root, 'dist', 'cli', 'main.js');

  /** Newest modification time of the files under a directory. */
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);

  beforeAll(() => {
    // The CLI runs from dist/: build it if it is missing or older than the sources.
    if (!existsSync(cli) || statSync(cli).mtimeMs < newest(path.join(root, 'src'))) {
      try {
        execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'pipe' });
      } catch (e) {
        // tsc emits despite type errors elsewhere in src; only a CLI that is not there at all stops us.
        if (!existsSync(cli)) throw e;
      }
    }
  }, 120_000);

  const run = (dir: string, ...flags: string[]) => {
    // Run from the ledger's temporary directory, so that nothing can land in the work tree.
    const p = spawnSync(process.execPath, [cli, 'reconcile', dir, '--no-xlsx', ...flags], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return { code: p.status, out: p.stdout, err: p.stderr };
  };

  it('exits 0 when everything ties, 1 with a discrepancy, 0 once acknowledged, 1 when told to ignore acknowledgements', async () => {
    const tied = run(await writeLedger(baseSpec()));
    expect(tied.err).toBe('');
    expect(tied.code).toBe(0);

    const spec = baseSpec();
    misprint(spec);
    const failing = run(await writeLedger(spec));
    expect(failing.code).toBe(1);
    expect(failing.out).toContain(B2);

    acknowledge(spec, [{ kontroll: B2, figurer: ['vu.arets_kapitalforandring.2024'], orsak: REASON }]);
    const dir = await writeLedger(spec);
    const acknowledged = run(dir);
    expect(acknowledged.err).toBe('');
    expect(acknowledged.code).toBe(0);

    expect(run(dir, '--ignore-acknowledgements').code).toBe(1);
    // The reports of --no-xlsx runs: no workbook anywhere.
    expect(existsSync(path.join(dir, 'reports'))).toBe(false);
  }, 60_000);

  it('a discrepancy of severity varning is reported but fails the run only with --strict', async () => {
    // C-6 (varning): 500 of a post's tilldelning shown as omdisponerat instead, every sum kept.
    const spec = baseSpec();
    for (const row of ['anslag.uo8.1_2.ap1', 'anslag.uo8.summa', 'anslag.summa']) {
      shiftFigure(spec, `${row}.tilldelning`, -500);
      shiftFigure(spec, `${row}.omdisponerat`, 500);
    }
    const dir = await writeLedger(spec);
    const lenient = run(dir);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toContain('1 VARNING (underkänner körningen bara med --strict)');
    expect(lenient.out).toContain('C-6/uo8.1_2 [C-6 varning]');
    expect(run(dir, '--strict').code).toBe(1);
  }, 60_000);

  it('exits 2 for a ledger with an input error', async () => {
    const spec = baseSpec();
    setFigure(spec, 'rr.summa_intakter.2024', '107 3OO');
    const r = run(await writeLedger(spec));
    expect(r.code).toBe(2);
    expect(r.err).toContain('resultatrakning.yaml');
  }, 60_000);
});
