// Entry of a sweep worker thread (built to dist/sweepWorker.js): runs `analyzeFile` with the real
// engine for each file the pool sends.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, type FileSettings } from './analyzeFile.js';
import { defaultAnalyzer } from './defaultAnalyzer.js';
import type { WorkerReply, WorkerRequest } from './WorkerPool.js';

const settings = workerData as FileSettings;
const port = parentPort;

port?.on('message', (request: WorkerRequest) => {
  analyzeFile(request.task, settings, defaultAnalyzer).then(
    (outcome) => port.postMessage({ id: request.id, outcome } satisfies WorkerReply),
    (e: unknown) =>
      port.postMessage({
        id: request.id,
        error: String(e instanceof Error ? e.message : e),
      } satisfies WorkerReply),
  );
});
