import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from './parseFaultSpec.js';

describe(parseFaultSpec.name, () => {
  it.each([
    ['hang', { type: 'hang' }],
    ['status=503,kind=imds-token,times=2', { type: 'status', status: 503, kind: 'imds-token', times: 2 }],
    ['latency=1500,stage=body,method=GET', { type: 'latency', ms: 1500, stage: 'body', method: 'GET' }],
    ['throttle', { type: 'throttle' }],
    ['throttle=3,probability=0.25', { type: 'throttle', retryAfterSeconds: 3, probability: 0.25 }],
    ['code=AssumeRoleUnauthorizedAccess', { type: 'code', code: 'AssumeRoleUnauthorizedAccess' }],
    ['near-expiry=120000,kind=container', { type: 'near-expiry', remainingMs: 120_000, kind: 'container' }],
    ['reset,path=/latest/api/token', { type: 'reset', path: '/latest/api/token' }],
  ])('parses %s', (text, expected) => {
    expect(parseFaultSpec(text)).toEqual(expected);
  });

  it('reads a path starting with ~ as a regular expression', () => {
    const spec = parseFaultSpec('imds-disabled,path=~^/latest/meta-data/');
    expect(spec.path).toBeInstanceOf(RegExp);
    expect((spec.path as RegExp).test('/latest/meta-data/iam/info')).toBe(true);
  });

  it.each([
    ['', /unknown type ""/],
    ['explode', /unknown type "explode"/],
    ['status', /status needs a value/],
    ['latency=fast', /latency must be a number/],
    ['hang=5', /hang takes no value/],
    ['hang,times', /expected key=value/],
    ['hang,color=red', /expected key=value/],
    ['hang,stage=body', /stage applies to latency only/],
    ['status=42', /status must be an integer from 100 to 599/],
    ['hang,kind=imds', /unknown kind "imds"/],
    ['hang,probability=1.5', /probability must be a number from 0 to 1/],
    ['hang,path=~(', /not a valid regular expression/],
  ])('rejects %j with a TypeError', (text, message) => {
    expect(() => parseFaultSpec(text)).toThrow(TypeError);
    expect(() => parseFaultSpec(text)).toThrow(message);
  });
});
