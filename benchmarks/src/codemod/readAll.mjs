// The floor of figure 6: list and read every file under a directory, as fast as one Node process can,
// and do nothing with the bytes. Plain JavaScript so it starts like the tools it is compared with.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

let files = 0;
let bytes = 0;
for await (const path of walk(process.argv[2] ?? '.')) {
  bytes += (await readFile(path)).length;
  files++;
}
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
