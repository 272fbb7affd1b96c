/** The entry of the worker thread that reads the second part of a large SIE file (fil.ts). */
import { workerData } from 'node:worker_threads';
import { arbeta, type Uppdrag } from './fil.js';

void arbeta((workerData as { avstamningSie: Uppdrag }).avstamningSie);
