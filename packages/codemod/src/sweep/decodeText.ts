/** The encodings a file's byte order mark can announce; everything else is read as UTF-8. */
export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

/**
 * Decodes a file by its byte order mark: UTF-16 LE/BE (what PowerShell's `>` and `Out-File`
 * write, so a `.env` made on Windows), else UTF-8. The BOM itself is dropped for UTF-16 (as the
 * parser and the patterns would never see it there) and kept for UTF-8, so offsets stay the
 * string's own.
 */
export function decodeText(bytes: Buffer): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf16be' };
  }
  return { text: bytes.toString('utf8'), encoding: 'utf8' };
}
