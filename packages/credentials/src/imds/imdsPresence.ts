/**
 * What this process learnt about IMDS at the default address: present (it answered once) or absent
 * (the first probe found nothing listening). Probed once per process, so a host that is not EC2 pays
 * for it once, not on every chain run. Endpoints set explicitly are never marked absent.
 */
const present = new Set<string>();
const absent = new Map<string, string>();

export const imdsPresence = {
  isKnownPresent: (endpoint: string): boolean => present.has(endpoint),
  absentReason: (endpoint: string): string | undefined => absent.get(endpoint),
  markPresent(endpoint: string): void {
    present.add(endpoint);
    absent.delete(endpoint);
  },
  markAbsent(endpoint: string, reason: string): void {
    if (!present.has(endpoint)) absent.set(endpoint, reason);
  },
};
