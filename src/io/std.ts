/**
 * Standard output and standard error. A write that fails (a closed pipe, a full disk
 * behind a redirection, a descriptor opened read-only) becomes an OutputError, never an
 * uncaught 'error' event; a diagnostic that cannot be written to standard error is dropped,
 * since there is nowhere left to say so.
 */
import { toOutputError } from './errors.js';

/** How the standard streams are named in messages. */
export const STD_NAMES = { stdout: 'standard ut', stderr: 'standard fel' } as const;

let guardedStreams = false;

/**
 * Keeps a failing standard stream from crashing the process: its error reaches the
 * write's callback (and so the caller) instead. Call once at start-up.
 */
export function guardStdStreams(): void {
  if (guardedStreams) return;
  guardedStreams = true;
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
}

/** Writes `text` to a standard stream; rejects with an OutputError naming the stream. */
export function writeStd(which: keyof typeof STD_NAMES, text: string, stream: NodeJS.WritableStream = process[which]): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (e?: Error | null) => (e ? reject(toOutputError(e, STD_NAMES[which], 'allt')) : resolve());
    try {
      stream.write(text, done);
    } catch (e) {
      done(e as Error);
    }
  });
}

/** A message to standard error that cannot fail: if standard error is gone, so is the message. */
export function writeDiagnostic(text: string): void {
  try {
    process.stderr.write(text, () => {});
  } catch {
    // nowhere left to report it
  }
}
