// The floor of figure 6: list and read every file under a directory as fast as one Node process
// can, and do nothing with the bytes. Synchronous on purpose: one thread with nothing else to do
// waits on each call anyway, and sequential async `readFile` (four thread-pool round trips per
// file) was several times slower (7.8x in issue 13), which made the floor look slower than it is.
// Plain JavaScript so it starts like the tools it is compared with.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let files = 0;
let bytes = 0;
const dirs = [process.argv[2] ?? '.'];
while (dirs.length > 0) {
  const dir = dirs.pop();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) dirs.push(path);
    else if (entry.isFile()) {
      bytes += readFileSync(path).length;
      files++;
    }
  }
}
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
