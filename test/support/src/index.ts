// The helpers every package's tests, the examples and the benchmarks share, so none is written twice.
export { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken, fakeStaticKeys } from './fakeKeys.js';
export { commitAt, git, initRepo } from './initRepo.js';
export { masked } from './masked.js';
export { type RecordedLine, type RecordingLogger, recordingLogger } from './recordingLogger.js';
export { tempDir, writeTree } from './tempDir.js';
