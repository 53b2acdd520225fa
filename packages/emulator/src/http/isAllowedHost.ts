import { isIP } from 'node:net';

/**
 * Whether a `Host` header names this server in a way a DNS-rebinding page cannot forge. Such a page
 * reaches the server under the attacker's own DNS name, so its requests carry that name: IP
 * literals, `localhost` and `*.localhost` (which browsers resolve to loopback themselves) are safe,
 * as in Vite's `server.allowedHosts`. Any other name must be listed in `allowed`, exactly or, with a
 * leading dot (`.example.test`), as a domain with its subdomains.
 */
export function isAllowedHost(host: string | undefined, allowed: readonly string[]): boolean {
  // Node answers 400 itself to HTTP/1.1 without Host; browsers never send a request without one.
  if (host === undefined) return true;
  const name = hostName(host);
  if (name === undefined) return false;
  if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowed.some((entry) =>
    entry.startsWith('.') ? name === entry.slice(1) || name.endsWith(entry) : name === entry,
  );
}

/** The host part of a Host header, lower-cased, without the port, brackets or a trailing dot. */
function hostName(header: string): string | undefined {
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::\d{1,5})?$/i.exec(header.trim());
  const name = (match?.[1] ?? match?.[2])?.toLowerCase().replace(/\.$/, '');
  return name === '' ? undefined : name;
}
