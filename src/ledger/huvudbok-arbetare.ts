/**
 * The entry of the worker thread that reads a ledger's general ledger while the main thread
 * parses the report (huvudbok-lasning.ts). It posts the reader's result, or null when the
 * read failed (the main thread then reads the file itself and meets the failure there).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lasSieFil } from '../sie/fil.js';
import { FORLASNING } from './huvudbok-lasning.js';

const { sokvag, visas } = (workerData as Record<typeof FORLASNING, { sokvag: string; visas: string }>)[FORLASNING];
lasSieFil(sokvag, visas).then(
  (lasning) => parentPort!.postMessage(lasning),
  () => parentPort!.postMessage(null),
);
