import { describe, expect, it } from 'vitest';
import { breakBody } from './breakBody.js';

describe(breakBody.name, () => {
  it('turns JSON into something JSON.parse rejects', () => {
    const body = breakBody({
      status: 200,
      headers: {},
      body: JSON.stringify({ AccessKeyId: 'x', Token: 'y' }),
      format: 'json',
    });
    expect(() => JSON.parse(body.toString())).toThrow(SyntaxError);
  });

  it('leaves XML with an unclosed element', () => {
    const body = breakBody({
      status: 200,
      headers: {},
      body: '<A><B>text</B></A>',
      format: 'xml',
    }).toString();
    expect(body.startsWith('<A><B>')).toBe(true);
    expect(body.endsWith('</A>')).toBe(false);
  });

  it('puts bytes that are not UTF-8 into text', () => {
    const body = breakBody({ status: 200, headers: {}, body: 'role', format: 'text' });
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(body)).toThrow(TypeError);
  });
});
