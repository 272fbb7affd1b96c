/**
 * Output faults are the user's environment: each kind gets one Swedish line naming the path
 * and the cause, exit code 4, no stack trace, and the report set is all or nothing (no
 * previous report replaced, no temporary file left).
 *
 * Real faults where the operating system gives them to any user, root included (/dev/full,
 * a directory where a file is expected, a file where a directory is expected, closed and
 * read-only standard output, sysfs refusing new files); the rest (permission as non-root,
 * read-only filesystem, a busy target, a rename failing half-way, EAGAIN) through the io
 * module's file-system seam. Build first: `npx tsc -p tsconfig.json`.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOutputError, OutputError, type OutputCode } from '../src/io/errors.js';
import { NODE_FS, writeReportSet, type FileSystem, type Report } from '../src/io/report-set.js';
import { writeStd } from '../src/io/std.js';
import { CLI, ROOT, runCli, type CliResult } from './helpers/cli.js';

const MINIMAL = path.join(ROOT, 'test/fixtures/minimal');
const SLOW = { timeout: 60_000 };
const isRoot = process.getuid?.() === 0;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'avstamning-output-'));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

let n = 0;
/** A fresh directory holding a previous report set (distinct contents). */
async function previousReports(): Promise<{ dir: string; files: Record<string, string> }> {
  const dir = path.join(tmp, `run${++n}`);
  await fs.promises.mkdir(dir);
  const files = { 'r.json': 'previous json\n', 'r.xml': 'previous junit\n', 'r.xlsx': 'previous workbook\n' };
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return { dir, files };
}

/** The previous reports are byte-identical and no temporary file is left beside them. */
async function expectUntouched(dir: string, files: Record<string, string>): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.isDirectory()).map((e) => e.name);
  expect(entries.sort()).toEqual(Object.keys(files).sort());
  for (const [name, text] of Object.entries(files)) expect(await readFile(path.join(dir, name), 'utf8'), name).toBe(text);
}

/** One line on stderr, exit 4, nothing else: the environment's fault. */
function expectEnvironment(r: CliResult, line: string | RegExp): void {
  expect(r.code, r.stderr).toBe(4);
  expect(r.stderr).not.toMatch(/    at |internt fel/);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  if (typeof line === 'string') expect(lines[0]).toBe(line);
  else expect(lines[0]).toMatch(line);
}

const reconcile = (...extra: string[]) => ['reconcile', MINIMAL, '--quiet', ...extra];

describe('real output faults through the command line', SLOW, () => {
  it('a full disk (/dev/full as the JUnit target): exit 4, the other reports untouched', async () => {
    const { dir, files } = await previousReports();
    const r = await runCli(reconcile('--json', path.join(dir, 'r.json'), '--junit', '/dev/full', '--xlsx', path.join(dir, 'r.xlsx')));
    expectEnvironment(r, 'avstamning: kunde inte skriva /dev/full: disken är full (ENOSPC). Inga tidigare rapporter har ersatts.');
    expect(r.stdout).toBe('');
    await expectUntouched(dir, files);
  });

  it('a full disk under the workbook writer (exceljs streaming into /dev/full) ends, exit 4', async () => {
    const { dir, files } = await previousReports();
    const r = await runCli(reconcile('--json', path.join(dir, 'r.json'), '--xlsx', '/dev/full'));
    expectEnvironment(r, 'avstamning: kunde inte skriva /dev/full: disken är full (ENOSPC). Inga tidigare rapporter har ersatts.');
    await expectUntouched(dir, files);
  });

  it('a target that is a directory', async () => {
    const { dir, files } = await previousReports();
    await fs.promises.mkdir(path.join(dir, 'sub'));
    const r = await runCli(reconcile('--json', path.join(dir, 'r.json'), '--junit', 'sub', '--no-xlsx'), { cwd: dir });
    expectEnvironment(r, 'avstamning: kunde inte skriva sub: det är en mapp, inte en fil. Inga tidigare rapporter har ersatts.');
    await expectUntouched(dir, files);
  });

  it('an output directory that is a file', async () => {
    const { dir, files } = await previousReports();
    const r = await runCli(reconcile('--json', 'r.json', '--out-dir', 'r.xml/rapporter'), { cwd: dir });
    expectEnvironment(r, 'avstamning: kunde inte skriva r.xml: det är en fil, inte en mapp (ENOTDIR). Inga tidigare rapporter har ersatts.');
    await expectUntouched(dir, files);
  });

  it('a symbolic link that points at itself (a loop)', async () => {
    const { dir, files } = await previousReports();
    fs.symlinkSync('loop.json', path.join(dir, 'loop.json'));
    const r = await runCli(reconcile('--json', 'r.json', '--junit', 'loop.json', '--no-xlsx'), { cwd: dir });
    expectEnvironment(r, 'avstamning: kunde inte skriva loop.json: symboliska länkar bildar en slinga (ELOOP). Inga tidigare rapporter har ersatts.');
    fs.unlinkSync(path.join(dir, 'loop.json'));
    await expectUntouched(dir, files);
  });

  it('a file name too long for the file system; a long one that fits is written', async () => {
    const { dir, files } = await previousReports();
    const tooLong = `${'r'.repeat(300)}.json`;
    const r = await runCli(reconcile('--json', tooLong, '--no-xlsx'), { cwd: dir });
    expectEnvironment(r, `avstamning: kunde inte skriva ${tooLong}: sökvägen eller filnamnet är för långt (ENAMETOOLONG). Inga tidigare rapporter har ersatts.`);
    await expectUntouched(dir, files);
    const fits = `${'r'.repeat(245)}.json`;
    const ok = await runCli(reconcile('--json', fits, '--no-xlsx'), { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, fits))).toBe(true);
  });

  it.skipIf(process.platform !== 'linux' || !fs.existsSync('/sys/kernel'))('permission denied (sysfs refuses new files, even to root)', async () => {
    const { dir, files } = await previousReports();
    const r = await runCli(reconcile('--json', 'r.json', '--junit', '/sys/r.xml', '--no-xlsx'), { cwd: dir });
    expectEnvironment(r, /^avstamning: kunde inte skriva \/sys\/r\.xml: (åtkomst nekad \(behörighet saknas\) \((EACCES|EPERM)\)|filsystemet är skrivskyddat \(EROFS\))\. Inga tidigare rapporter har ersatts\.$/);
    await expectUntouched(dir, files);
  });

  it.skipIf(isRoot || process.platform === 'win32')('an unwritable directory (chmod; skipped as root, who may write anyway)', async () => {
    const { dir, files } = await previousReports();
    fs.chmodSync(dir, 0o555);
    try {
      const r = await runCli(reconcile('--json', 'r.json', '--no-xlsx'), { cwd: dir });
      expectEnvironment(r, 'avstamning: kunde inte skriva r.json: åtkomst nekad (behörighet saknas) (EACCES). Inga tidigare rapporter har ersatts.');
    } finally {
      fs.chmodSync(dir, 0o755);
    }
    await expectUntouched(dir, files);
  });

  it('standard output on a full disk (the console summary to /dev/full)', async () => {
    const r = await spawnCli(['rules'], { stdout: fs.openSync('/dev/full', 'w') });
    expectEnvironment(r, 'avstamning: kunde inte skriva standard ut: disken är full (ENOSPC).');
  });

  it('standard output opened read-only (EBADF)', async () => {
    const r = await spawnCli(['rules'], { stdout: fs.openSync('/dev/null', 'r') });
    expectEnvironment(r, 'avstamning: kunde inte skriva standard ut: mottagaren har stängt strömmen (EBADF).');
  });

  it('a closed pipe on --json -: the report is lost, exit 4, the files are not replaced', async () => {
    const { dir, files } = await previousReports();
    const r = await spawnCli(reconcile('--json', '-', '--junit', 'r.xml', '--xlsx', 'r.xlsx'), { cwd: dir, closeStdout: true });
    expectEnvironment(r, 'avstamning: kunde inte skriva standard ut: mottagaren har stängt strömmen (EPIPE). Inga tidigare rapporter har ersatts.');
    await expectUntouched(dir, files);
  });

  it('a closed pipe on the console summary: the reports are written, exit 4 all the same', async () => {
    const { dir } = await previousReports();
    const r = await spawnCli(reconcile('--json', 'r.json', '--no-xlsx'), { cwd: dir, closeStdout: true });
    expectEnvironment(r, 'avstamning: kunde inte skriva standard ut: mottagaren har stängt strömmen (EPIPE).');
    expect(JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8')).schema).toMatch(/^avstamning\//);
  });

  it('a closed pipe on the import report: the ledger is written, exit 4 all the same', async () => {
    const out = path.join(tmp, `import${++n}`);
    const r = await spawnCli(['import', path.join(ROOT, 'test/fixtures/import/exempelverket.txt'), '--ut', out], { closeStdout: true });
    expectEnvironment(r, 'avstamning: kunde inte skriva standard ut: mottagaren har stängt strömmen (EPIPE).');
    expect(fs.existsSync(path.join(out, 'import-rapport.txt'))).toBe(true);
  });

  it('standard error closed as well: no crash, still exit 4', async () => {
    const r = await spawnCli(['rules'], { stdout: fs.openSync('/dev/full', 'w'), stderr: fs.openSync('/dev/null', 'r') });
    expect(r.code).toBe(4);
  });
});

describe('exit codes are documented', SLOW, () => {
  it('every code the CLI can return is in the README table, docs/output.md and the --help epilog', async () => {
    const { EXIT } = await import('../src/cli/exit.js');
    const codes = [...new Set(Object.values(EXIT))].sort((a, b) => a - b);
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const output = await readFile(path.join(ROOT, 'docs/output.md'), 'utf8');
    const tableCodes = (md: string) => [...md.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(tableCodes(output)).toEqual(codes);
    for (const c of codes) expect(readme, `README: exit ${c}`).toMatch(new RegExp(`^\\| ${c} \\||; ${c}: `, 'm'));
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    const epilog = help.stdout.slice(help.stdout.indexOf('Slutkoder:'));
    for (const c of codes) expect(epilog, `--help: exit ${c}`).toMatch(new RegExp(`(^|[ ,/])${c}[ /]`));
  });
});

describe('the report set through the command line', SLOW, () => {
  it('--json - writes the JSON to standard output and the summary to standard error', async () => {
    const r = await runCli(['reconcile', MINIMAL, '--json', '-', '--no-xlsx']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.discrepancy).toBe(0);
    expect(r.stderr).toMatch(/^avstämning · /);
  });

  it('--junit - likewise', async () => {
    const r = await runCli(['reconcile', MINIMAL, '--junit', '-', '--no-xlsx', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<\?xml/);
    expect(r.stderr).toMatch(/ALLT STÄMMER/);
  });

  it('two reports for standard output, or two for one file, are usage errors (exit 2)', async () => {
    const both = await runCli(['reconcile', MINIMAL, '--json', '-', '--junit', '-', '--no-xlsx']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('avstamning: högst en rapport kan skrivas till standard ut (-).\n');
    const { dir, files } = await previousReports();
    const same = await runCli(['reconcile', MINIMAL, '--json', 'r.json', '--junit', './r.json', '--no-xlsx'], { cwd: dir });
    expect(same.code).toBe(2);
    expect(same.stderr).toBe('avstamning: r.json och ./r.json är samma fil: ange olika filer.\n');
    await expectUntouched(dir, files);
  });

  it('replaces a complete set, keeping each file\'s permissions, and leaves no temporary file', async () => {
    const { dir } = await previousReports();
    fs.chmodSync(path.join(dir, 'r.json'), 0o640);
    const r = await runCli(reconcile('--json', 'r.json', '--junit', 'r.xml', '--xlsx', 'r.xlsx'), { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['r.json', 'r.xlsx', 'r.xml']);
    expect(fs.statSync(path.join(dir, 'r.json')).mode & 0o777).toBe(0o640);
    expect((await readFile(path.join(dir, 'r.xlsx'))).subarray(0, 2).toString()).toBe('PK');
  });

  it('writes through a symbolic link to a regular file (the link stays) and into a link to /dev/null', async () => {
    const { dir } = await previousReports();
    fs.symlinkSync('r.json', path.join(dir, 'link.json'));
    fs.symlinkSync('/dev/null', path.join(dir, 'null.xml'));
    const r = await runCli(reconcile('--json', 'link.json', '--junit', 'null.xml', '--no-xlsx'), { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(path.join(dir, 'null.xml')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8')).schema).toMatch(/^avstamning\//);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('writes into a FIFO, never replacing it', async () => {
    const { dir } = await previousReports();
    const fifo = path.join(dir, 'fifo.xml');
    await new Promise<void>((resolve, reject) => spawn('mkfifo', [fifo]).on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`mkfifo ${c}`)))));
    const read = new Promise<string>((resolve) => {
      let s = '';
      fs.createReadStream(fifo, 'utf8').on('data', (d) => (s += d)).on('end', () => resolve(s));
    });
    const r = await runCli(reconcile('--junit', fifo, '--no-xlsx'));
    expect(r.code, r.stderr).toBe(0);
    expect(await read).toMatch(/^<\?xml[\s\S]*<\/testsuites>\s*$/);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// Faults the OS does not give root: injected through the io module's file-system seam.

const sysError = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

/** NODE_FS with one call failing with `errno` (on its `nth` use). */
function faulty(call: keyof FileSystem, errno: string, nth = 1): FileSystem {
  let calls = 0;
  const wrapped = { ...NODE_FS } as Record<string, unknown>;
  const real = NODE_FS[call] as (...a: unknown[]) => unknown;
  wrapped[call] = (...args: unknown[]) => {
    if (++calls === nth) {
      const cb = args[args.length - 1];
      if (call === 'open' || call === 'write') return (cb as (e: Error) => void)(sysError(errno));
      throw sysError(errno);
    }
    return real.apply(NODE_FS, args);
  };
  return wrapped as unknown as FileSystem;
}

const text = (target: string, body: string): Report => ({ target, write: (out) => void out.write(body) });

async function expectFault(run: Promise<unknown>, code: OutputCode, message: string): Promise<void> {
  const e = await run.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(OutputError);
  expect((e as OutputError).code).toBe(code);
  expect(formatOutputError(e as OutputError)).toBe(message);
}

describe('output faults through the file-system seam', () => {
  const cases: [string, keyof FileSystem, string, OutputCode, string][] = [
    ['permission denied creating the temporary file', 'openSync', 'EACCES', 'utdata.behorighet', 'åtkomst nekad (behörighet saknas) (EACCES)'],
    ['operation not permitted', 'openSync', 'EPERM', 'utdata.behorighet', 'åtkomst nekad (behörighet saknas) (EPERM)'],
    ['a read-only filesystem', 'mkdirSync', 'EROFS', 'utdata.skrivskyddad', 'filsystemet är skrivskyddat (EROFS)'],
    ['a full disk mid-write', 'write', 'ENOSPC', 'utdata.disken_full', 'disken är full (ENOSPC)'],
    ['a disk quota exceeded', 'write', 'EDQUOT', 'utdata.disken_full', 'disken är full (EDQUOT)'],
    ['a full disk on flush', 'fsyncSync', 'ENOSPC', 'utdata.disken_full', 'disken är full (ENOSPC)'],
    ['an I/O error', 'write', 'EIO', 'utdata.io', 'skrivfel i operativsystemet (EIO)'],
    ['a locked target (rename refused)', 'renameSync', 'EBUSY', 'utdata.last', 'filen är låst eller används av ett annat program (EBUSY)'],
    ['a busy executable', 'renameSync', 'ETXTBSY', 'utdata.last', 'filen är låst eller används av ett annat program (ETXTBSY)'],
  ];
  it.each(cases)('%s: no report replaced, no temporary file left', async (_, call, errno, code, cause) => {
    const { dir, files } = await previousReports();
    const reports = ['r.json', 'r.xml', 'r.xlsx'].map((f) => text(path.join(dir, f), `new ${f}\n`));
    // The first call of each kind is the first report's.
    await expectFault(writeReportSet(reports, { fs: faulty(call, errno) }), code, `kunde inte skriva ${reports[0]!.target}: ${cause}. Inga tidigare rapporter har ersatts.`);
    await expectUntouched(dir, files);
  });

  it('a rename failing after another succeeded says the set may be mixed', async () => {
    const { dir } = await previousReports();
    const reports = ['r.json', 'r.xml'].map((f) => text(path.join(dir, f), `new ${f}\n`));
    await expectFault(
      writeReportSet(reports, { fs: faulty('renameSync', 'EBUSY', 2) }),
      'utdata.last',
      `kunde inte skriva ${path.join(dir, 'r.xml')}: filen är låst eller används av ett annat program (EBUSY). Rapportuppsättningen kan vara blandad: kör om.`,
    );
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a busy device opened for a direct write (ETXTBSY)', async () => {
    await expectFault(
      writeReportSet([text('/dev/null', 'x')], { fs: faulty('open', 'ETXTBSY') }),
      'utdata.last',
      'kunde inte skriva /dev/null: filen är låst eller används av ett annat program (ETXTBSY). Inga tidigare rapporter har ersatts.',
    );
  });

  it('a writer that fails with a bug is not the environment', async () => {
    const { dir, files } = await previousReports();
    const bug: Report = {
      target: path.join(dir, 'r.xlsx'),
      write: () => {
        throw new TypeError('a bug');
      },
    };
    await expect(writeReportSet([text(path.join(dir, 'r.json'), 'new'), bug])).rejects.toThrow(TypeError);
    await expectUntouched(dir, files);
  });

  const failingStream = (errno: string) =>
    new Writable({
      write(_chunk, _enc, done) {
        done(sysError(errno));
      },
    }).on('error', () => {});
  it.each([
    ['EAGAIN', 'utdata.strom_full', 'strömmen tar inte emot mer data (EAGAIN)'],
    ['EPIPE', 'utdata.strom_stangd', 'mottagaren har stängt strömmen (EPIPE)'],
    ['ENOSPC', 'utdata.disken_full', 'disken är full (ENOSPC)'],
  ] as const)('standard output failing with %s', async (errno, code, cause) => {
    const { dir, files } = await previousReports();
    const reports = [text('-', 'report'), text(path.join(dir, 'r.xml'), 'new')];
    await expectFault(writeReportSet(reports, { stdout: failingStream(errno) }), code, `kunde inte skriva standard ut: ${cause}. Inga tidigare rapporter har ersatts.`);
    await expectUntouched(dir, files);
    await expectFault(writeStd('stdout', 'summary', failingStream(errno)), code, `kunde inte skriva standard ut: ${cause}.`);
  });
});

// ---------------------------------------------------------------------------------------
// Signals: interrupted mid-write, every temporary file is removed, the previous set stays.

describe.skipIf(process.platform === 'win32')('SIGINT and SIGTERM while the reports are written', { timeout: 120_000 }, () => {
  let ledger: string;
  beforeAll(async () => {
    ledger = path.join(tmp, 'synthetic');
    const { writeSyntheticLedger } = (await import(path.join(ROOT, 'bench', 'synthetic.mjs'))) as { writeSyntheticLedger(dir: string, factor: number): void };
    writeSyntheticLedger(ledger, 20);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: exit %i, no temporary file, the previous reports byte-identical', async (signal, code) => {
    const { dir, files } = await previousReports();
    const child = spawn(process.execPath, [CLI, 'reconcile', ledger, '--quiet', '--json', 'r.json', '--junit', 'r.xml', '--xlsx', 'r.xlsx'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // Wait until the workbook is being staged (its temporary file exists), then interrupt.
    const staging = () => fs.readdirSync(dir).some((f) => f.startsWith('.r.xlsx.') && f.endsWith('.tmp'));
    for (const until = Date.now() + 90_000; !staging() && Date.now() < until && child.exitCode === null; ) await sleep(5);
    expect(fs.readdirSync(dir).some((f) => f.endsWith('.tmp')), 'a temporary file while writing').toBe(true);
    child.kill(signal);
    expect(await exited, stderr).toBe(code);
    expect(stderr).toBe(`avstamning: avbröts (${signal}); inga halvskrivna rapporter finns kvar.\n`);
    await expectUntouched(dir, files);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the CLI with chosen descriptors for stdout/stderr, or a stdout pipe closed at once. */
function spawnCli(args: readonly string[], o: { cwd?: string; stdout?: number; stderr?: number; closeStdout?: boolean }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: o.cwd ?? ROOT,
      env: { ...process.env, AVSTAMNING_DEBUG: '', LANG: 'C.UTF-8' },
      stdio: ['ignore', o.stdout ?? 'pipe', o.stderr ?? 'pipe'],
    });
    if (o.closeStdout) child.stdout!.destroy();
    else child.stdout?.resume();
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      for (const fd of [o.stdout, o.stderr]) if (fd !== undefined) fs.closeSync(fd);
      resolve({ code: code ?? -1, stdout: '', stderr });
    });
  });
}
