/**
 * A spool: text kept in a temporary file while a long run produces it, and copied into its
 * report at the end. For a report whose head needs totals known only when the run is over
 * (JUnit's root element) and whose body is too large to keep in memory.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';

export class Spool {
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'avstamning-spool-'));
  private readonly file = path.join(this.dir, 'spool');
  private readonly fd = openSync(this.file, 'w');
  private buffer = '';
  private closed = false;

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 1 << 20) this.flush();
  }

  private flush(): void {
    const bytes = Buffer.from(this.buffer, 'utf8');
    // A write may take fewer bytes than offered: go on until all are written.
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done);
    this.buffer = '';
  }

  /** Copies everything written into `out`, a megabyte at a time, waiting whenever it asks. */
  async copyTo(out: Writable): Promise<void> {
    this.flush();
    const from = openSync(this.file, 'r');
    try {
      for (;;) {
        const chunk = Buffer.alloc(1 << 20);
        const n = readSync(from, chunk);
        if (n <= 0) break;
        if (!out.write(chunk.subarray(0, n))) await new Promise<void>((resolve) => out.once('drain', resolve));
      }
    } finally {
      closeSync(from);
    }
  }

  /** Removes the temporary file. */
  dispose(): void {
    if (!this.closed) {
      this.closed = true;
      closeSync(this.fd);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
