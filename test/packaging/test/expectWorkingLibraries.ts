import { expect } from 'vitest';
import { LIBRARIES, PUBLIC_API, type SmokeReport } from './publicApi.js';

/** What every smoke report must show, wherever the packages were loaded from. */
export function expectWorkingLibraries(report: SmokeReport): void {
  for (const name of LIBRARIES) {
    for (const fn of PUBLIC_API[name]) {
      expect(report.exports[name][fn], `${report.format}: ${name} ${fn}`).toBe('function');
    }
  }
  const { probes } = report;
  expect(probes.redact.text).toBe(probes.redact.expected);
  expect(probes.emulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(probes.faultSpec).toEqual({ type: 'status', status: 503, kind: 'imds-token', times: 2 });
  expect(probes.credentials).toMatchObject({ source: 'imds', isServedKey: true, imdsCredentialCalls: 1 });
  expect(probes.credentials.masked).toBe(probes.credentials.expectedMask);
  expect(probes.shims).toEqual({ source: 'imds', isServedKey: true, cacheBound: 2 });
  expect(probes.codemod.ruleIds).toContain('aws-access-key-id');
  expect(probes.codemod.keyIds).toContain(probes.codemod.expectedMask);
  expect(probes.codemod).toMatchObject({ leaksKey: false, leaksSecret: false });
  expect(probes.policy).toEqual([{ Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/k'] }]);
}
