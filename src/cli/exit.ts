/** Exit codes of the avstamning command. */
export const EXIT = { ok: 0, discrepancy: 1, input: 2, internal: 3 } as const;
