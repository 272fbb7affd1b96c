/**
 * Runs the units of a run over many ledgers on worker threads, one unit at a time per
 * worker, and hands their results on in the units' order whatever order they finish in:
 * the reports do not depend on the number of threads or on timing.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { OutputError } from '../io/errors.js';
import { reconcileUnit, type LedgerOutcome, type UnitTask } from './batch-unit.js';

const WORKER_TAG = 'avstamning-unit-worker';

type Reply = { ok: LedgerOutcome[] } | { error: string } | { output: { code: OutputError['code']; params: OutputError['params'] } };

/**
 * Reconciles every unit with `jobs` threads (in this thread when 1) and calls `deliver`
 * with each unit's outcomes, in the order of `tasks`. `script` is the file that started
 * this process: each worker runs it again, and it serves units instead of parsing arguments.
 */
export async function runUnits(tasks: readonly UnitTask[], jobs: number, script: string, deliver: (outcomes: LedgerOutcome[]) => Promise<void> | void): Promise<void> {
  if (jobs <= 1 || tasks.length <= 1) {
    for (const t of tasks) await deliver(await reconcileUnit(t));
    return;
  }
  const done = new Map<number, LedgerOutcome[]>();
  let next = 0;
  let delivering = Promise.resolve();
  const flush = () => {
    while (done.has(next)) {
      const outcomes = done.get(next)!;
      done.delete(next++);
      delivering = delivering.then(() => deliver(outcomes));
    }
  };
  let started = 0;
  const workers = Array.from({ length: Math.min(jobs, tasks.length) }, () => new Worker(script, { workerData: { tag: WORKER_TAG }, argv: ['reconcile'] }));
  try {
    await Promise.all(
      workers.map(async (w) => {
        for (let i = started++; i < tasks.length; i = started++) {
          done.set(i, await ask(w, tasks[i]!));
          flush();
          await delivering;
        }
      }),
    );
    await delivering;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Sends one unit to a worker and waits for its reply. */
function ask(w: Worker, task: UnitTask): Promise<LedgerOutcome[]> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      w.off('message', onMessage);
      reject(e);
    };
    const onMessage = (reply: Reply) => {
      w.off('error', onError);
      if ('ok' in reply) resolve(reply.ok);
      // A report the worker could not write is the environment, as in this thread.
      else if ('output' in reply) reject(new OutputError(reply.output.code, reply.output.params));
      else reject(new Error(reply.error));
    };
    w.once('message', onMessage);
    w.once('error', onError);
    w.postMessage(task);
  });
}

/** True in a worker this module started. */
export const isUnitWorker = () => !isMainThread && (workerData as { tag?: string } | null)?.tag === WORKER_TAG;

/** The worker's side: reconciles each unit it is sent and replies with its outcomes. */
export function serveUnits(): void {
  parentPort!.on('message', (task: UnitTask) => {
    reconcileUnit(task).then(
      // The reports' bytes are transferred, not copied: the reply itself is small.
      (ok) => parentPort!.postMessage({ ok } satisfies Reply, ok.flatMap((o) => (o.json ?? []).map((b) => b.buffer as ArrayBuffer))),
      (e: unknown) =>
        parentPort!.postMessage(
          (e instanceof OutputError
            ? { output: { code: e.code, params: e.params } }
            : { error: `${(e as Error).message ?? String(e)}${process.env.AVSTAMNING_DEBUG ? `\n${(e as Error).stack ?? ''}` : ''}` }) satisfies Reply,
        ),
    );
  });
}
