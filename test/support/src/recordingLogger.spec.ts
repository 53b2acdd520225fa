import { describe, expect, it } from 'vitest';
import { recordingLogger } from './recordingLogger.js';

describe(recordingLogger.name, () => {
  it('keeps every call in order, serialised for searching, and lists one level', () => {
    const logger = recordingLogger();
    logger.warn('static keys', { code: 'KEYLESS_STATIC' });
    logger.debug('probe');
    expect(logger.lines.map((l) => l.text)).toEqual(['static keys {"code":"KEYLESS_STATIC"}', 'probe']);
    expect(logger.at('warn').map((l) => l.args)).toEqual([['static keys', { code: 'KEYLESS_STATIC' }]]);
  });
});
