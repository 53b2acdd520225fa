// Entry of a sweep worker thread (built to dist/sweepWorker.js): runs `analyzeFile` with the real
// engine for each batch of files the pool sends, and answers once per batch.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, type FileSettings } from './analyzeFile.js';
import { defaultAnalyzer } from './defaultAnalyzer.js';
import type { WorkerReply, WorkerRequest } from './WorkerPool.js';

const settings = workerData as FileSettings;
const port = parentPort;

port?.on('message', async (request: WorkerRequest) => {
  const replies = await Promise.all(
    request.items.map(({ id, task }) =>
      analyzeFile(task, settings, defaultAnalyzer).then(
        (outcome) => ({ id, outcome }),
        (e: unknown) => ({ id, error: String(e instanceof Error ? e.message : e) }),
      ),
    ),
  );
  port.postMessage({ replies } satisfies WorkerReply);
});
