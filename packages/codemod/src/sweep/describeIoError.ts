import { redactSecrets } from '@keyless/redact';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  ENOENT: 'no such file or directory',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  EBUSY: 'file is busy',
  ENAMETOOLONG: 'file name too long',
};

/** A short, secret-free reason for a failed file operation (`permission denied (EACCES)`). */
export function describeIoError(e: unknown): string {
  const code = e instanceof Error ? (e as NodeJS.ErrnoException).code : undefined;
  if (code !== undefined) return `${REASONS[code] ?? 'I/O error'} (${code})`;
  return redactSecrets(e instanceof Error ? e.message : String(e));
}
