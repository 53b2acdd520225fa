import { sep } from 'node:path';

/** A relative path with `/` separators, as reports, fingerprints and shards use it on every OS. */
export function toPosixPath(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
