/**
 * LibreOffice headless as the test oracle for the workbook's formulas: it opens an xlsx,
 * recalculates every formula (forced by a throw-away profile, since LibreOffice by
 * default trusts the cached results of Excel files) and saves the result as xlsx again.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES = [
  '/usr/bin/soffice',
  '/usr/bin/libreoffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
];

/** The soffice (or libreoffice) executable: $SOFFICE, then $PATH, then the usual places. */
export function findSoffice(): string | undefined {
  if (process.env.SOFFICE && existsSync(process.env.SOFFICE)) return process.env.SOFFICE;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean))
    for (const name of ['soffice', 'libreoffice']) {
      const p = path.join(dir, name);
      if (existsSync(p)) return p;
    }
  return CANDIDATES.find((p) => existsSync(p));
}

/**
 * /org.openoffice.Office.Calc/Formula/Load: OOXMLRecalcMode and ODFRecalcMode 0 = "always
 * recalculate" on load (1 = never, 2 = ask), so the saved values are LibreOffice's own.
 * /org.openoffice.Setup/L10N/ooSetupSystemLocale: the locale that formats numbers shown.
 */
const profileXml = (locale: string | undefined) => `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
${locale ? `<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>${locale}</value></prop></item>\n` : ''}</oor:items>
`;

/**
 * Opens each input in LibreOffice headless with a fresh profile that recalculates on load
 * and saves it as xlsx in `outDir` (which must differ from the inputs' directories; the
 * inputs need distinct file names). One LibreOffice start for all of them. Returns the
 * paths of the recalculated copies, in input order.
 */
export async function recalculate(soffice: string, inputs: readonly string[], outDir: string, timeoutMs = 150_000): Promise<string[]> {
  await convert(soffice, inputs, outDir, 'xlsx:Calc MS Excel 2007 XML', undefined, timeoutMs);
  return inputs.map((input) => expectOutput(path.join(outDir, `${path.basename(input, path.extname(input))}.xlsx`)));
}

/**
 * The sheet number `sheet` (1-based) of `input`, recalculated, as LibreOffice shows it in
 * `locale` ("save cell contents as shown"): rows of cell texts, through its CSV export.
 */
export async function sheetAsShown(soffice: string, input: string, sheet: number, outDir: string, locale = 'sv-SE', timeoutMs = 150_000): Promise<string[][]> {
  // Filter options: comma, double quote, UTF-8 (76), from line 1, default cell format,
  // language 0, quoted fields not as text, detect special numbers, save as shown (the 9th),
  // no formulas, no trimmed spaces, and the sheet to export.
  const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,${sheet}`;
  const log = await convert(soffice, [input], outDir, filter, locale, timeoutMs);
  const written = /-> (.+\.csv)\s*$/m.exec(log)?.[1];
  return parseCsv(await readFile(expectOutput(written ?? path.join(outDir, `${path.basename(input, path.extname(input))}.csv`), log), 'utf8'));
}

function expectOutput(file: string, log = ''): string {
  if (!existsSync(file)) throw new Error(`LibreOffice wrote no ${file}\n${log}`);
  return file;
}

/** RFC 4180 CSV (quoted fields may hold commas, doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const field = /("(?:[^"]|"")*"|[^,\r\n"]*)(,|\r?\n|$)/y;
  while (field.lastIndex < text.length) {
    const m = field.exec(text);
    if (!m) throw new Error(`not CSV at ${field.lastIndex}: ${text.slice(field.lastIndex, field.lastIndex + 40)}`);
    row.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
    if (m[2] !== ',') {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

/** Runs one LibreOffice conversion of `inputs` into `outDir`; its stdout and stderr. */
async function convert(soffice: string, inputs: readonly string[], outDir: string, filter: string, locale: string | undefined, timeoutMs: number): Promise<string> {
  for (const input of inputs)
    if (path.resolve(path.dirname(input)) === path.resolve(outDir)) throw new Error(`outDir must differ from the directory of ${input}`);
  const profile = path.join(tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  await mkdir(path.join(profile, 'user'), { recursive: true });
  await writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), profileXml(locale), 'utf8');
  await mkdir(outDir, { recursive: true });
  const home = await mkdtemp(path.join(tmpdir(), 'lo-home-'));
  try {
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--invisible',
      '--norestore',
      '--nologo',
      '--nolockcheck',
      '--nodefault',
      '--convert-to',
      filter,
      '--outdir',
      outDir,
      ...inputs,
    ];
    const { stdout, stderr } = await run(soffice, args, { timeout: timeoutMs, env: { ...process.env, HOME: home } });
    return `stdout: ${stdout}\nstderr: ${stderr}`;
  } finally {
    await rm(profile, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  }
}

function run(cmd: string, args: readonly string[], opts: { timeout: number; env: NodeJS.ProcessEnv }): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { ...opts, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\nstdout: ${stdout}\nstderr: ${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}
