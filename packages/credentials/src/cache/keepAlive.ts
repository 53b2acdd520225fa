// Every timer keyless arms is unref'd (retry sleeps, request timeouts, background refreshes), so a
// pending refresh never keeps a process alive. But a caller awaiting credentials must: a one-shot
// script whose only pending work is an unref'd retry sleep would exit with code 0 and no output.
// One ref'd interval is held while at least one caller waits, whatever the number of callers.
const FOREVER_MS = 2 ** 31 - 1;
let waiting = 0;
let handle: NodeJS.Timeout | undefined;

/** Keeps the event loop alive until `work` settles, then lets go. */
export async function keepAliveWhile<T>(work: Promise<T>): Promise<T> {
  if (waiting++ === 0) handle = setInterval(() => {}, FOREVER_MS);
  try {
    return await work;
  } finally {
    if (--waiting === 0) {
      clearInterval(handle);
      handle = undefined;
    }
  }
}
