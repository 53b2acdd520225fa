import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory for token and profile files; `cleanup()` removes it. */
export function tempFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-credentials-'));
  return {
    dir,
    write(name: string, content: string): string {
      const path = join(dir, name);
      writeFileSync(path, content, { mode: 0o600 });
      return path;
    },
    cleanup(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
