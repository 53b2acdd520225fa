import type { EmulatorResponse } from './EmulatorResponse.js';

/**
 * A body that no parser accepts but that still looks like the real thing at a glance: JSON cut
 * before its values and closed with junk, XML with an unclosed element, text with bytes that are
 * not UTF-8.
 */
export function breakBody(response: EmulatorResponse): Buffer {
  const body = response.body.toString();
  switch (response.format) {
    case 'json':
      return Buffer.from(`${body.slice(0, Math.max(1, body.indexOf(':') + 1))} <html>}`);
    case 'xml':
    case 'html':
      return Buffer.from(`${body.slice(0, Math.floor(body.length / 2))}<unclosed attr="`);
    default:
      return Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(`${body}\n\u0000garbage\n`)]);
  }
}
