/**
 * What this process learnt about IMDS at the default address on a host the DMI files cannot place:
 * present (it answered once) or absent (a probe found nothing listening). A verdict of absence is
 * only taken from an address that refused or could not be routed (a timeout proves nothing: a busy
 * host answers late), and it expires after a few minutes, so a later cold call probes again.
 */
const ABSENCE_TTL_MS = 5 * 60_000;
const present = new Set<string>();
const absent = new Map<string, { reason: string; until: number }>();

export const imdsPresence = {
  isKnownPresent: (endpoint: string): boolean => present.has(endpoint),
  absentReason(endpoint: string, now: number): string | undefined {
    const verdict = absent.get(endpoint);
    if (verdict !== undefined && now >= verdict.until) absent.delete(endpoint);
    return verdict !== undefined && now < verdict.until ? verdict.reason : undefined;
  },
  markPresent(endpoint: string): void {
    present.add(endpoint);
    absent.delete(endpoint);
  },
  markAbsent(endpoint: string, reason: string, now: number): void {
    if (!present.has(endpoint)) absent.set(endpoint, { reason, until: now + ABSENCE_TTL_MS });
  },
};
