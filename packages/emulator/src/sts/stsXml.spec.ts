import { describe, expect, it } from 'vitest';
import { stsError, xmlElements } from './stsXml.js';

describe(xmlElements.name, () => {
  it('escapes markup in values and nests objects, skipping undefined members', () => {
    expect(xmlElements({ A: '<b>&"\'', B: { C: 'x', D: undefined } })).toBe(
      '<A>&#60;b&#62;&#38;&#34;&#39;</A><B><C>x</C></B>',
    );
  });
});

describe(stsError.name, () => {
  it('uses the status and fault type STS uses for the code', () => {
    expect(stsError('SignatureDoesNotMatch', 'm', 'id').status).toBe(403);
    expect(stsError('ExpiredToken', 'm', 'id').status).toBe(400);
    const internal = stsError('InternalFailure', 'm', 'id');
    expect(internal.status).toBe(500);
    expect(internal.body).toContain('<Type>Receiver</Type>');
    expect(stsError('SomethingNew', 'm', 'id')).toMatchObject({
      status: 400,
      body: expect.stringContaining('<Type>Sender</Type>'),
    });
  });
});
