/**
 * Exit codes of the avstamning command (README, "exit code"). 4 is the user's environment
 * (a report or a standard stream that cannot be written); 130 and 143 follow the shell's
 * 128 + signal number for an interrupted run.
 */
export const EXIT = { ok: 0, discrepancy: 1, input: 2, internal: 3, environment: 4, sigint: 130, sigterm: 143 } as const;
