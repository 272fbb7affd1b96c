/**
 * Runs the built command line (dist/cli/main.js) in a child process, as a user would.
 * Build first: `npx tsc -p tsconfig.json`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root; the default working directory of every run. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The entry point: dist/cli/main.js (built by tsc), or another build named by AVSTAMNING_CLI. */
export const CLI = path.resolve(ROOT, process.env.AVSTAMNING_CLI ?? path.join('dist', 'cli', 'main.js'));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Working directory; the repository root unless given. */
  readonly cwd?: string;
  /** Extra environment variables, over a pinned environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Kill the run after this long (the promise rejects). */
  readonly timeoutMs?: number;
}

/**
 * A pinned environment, so that output does not depend on the machine: no debug stack
 * traces, no colours, one locale.
 */
function pinnedEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['AVSTAMNING_DEBUG', 'FORCE_COLOR', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'NODE_OPTIONS']) delete env[k];
  return { ...env, LANG: 'C.UTF-8', NO_COLOR: '1', ...extra };
}

/** Runs `node dist/cli/main.js ...args` and resolves with its exit code and output. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  if (!existsSync(CLI)) {
    return Promise.reject(new Error(`${CLI} finns inte: bygg först med "npx tsc -p tsconfig.json"`));
  }
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: options.cwd ?? ROOT,
        env: pinnedEnv(options.env),
        encoding: 'utf8',
        timeout: options.timeoutMs ?? 30_000,
        // A run past its time has failed; one stuck in a loop would not answer SIGTERM.
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ code: 0, stdout, stderr });
        } else if (typeof error.code === 'number') {
          resolve({ code: error.code, stdout, stderr });
        } else {
          // Not started, or killed (timeout, signal): no exit code to report.
          const why = error.killed ? `avbröts (${error.signal ?? 'timeout'})` : String(error.code ?? error.message);
          reject(new Error(`avstamning ${args.join(' ')}: ${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
        }
      },
    );
  });
}
