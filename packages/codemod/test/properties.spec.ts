import { diffLines } from 'diff';
import fc from 'fast-check';
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../src/engine/analyzeSource.js';

/**
 * Property tests over generated programs: every credential shape the engine knows, in every module
 * style and extension, with literal/template/env/const/split values and random layout. Key-shaped
 * values are drawn at run time. Whatever the input: analyzeSource does not throw, any `output`
 * parses and is a fixed point of a second run, and no generated secret appears in a finding.
 */
const BASE32 = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'];
const BASE64 = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'];

const keyId = fc
  .tuple(
    fc.constantFrom('AKIA', 'ASIA', 'ABIA', 'ACCA'),
    fc.uniqueArray(fc.constantFrom(...BASE32), { minLength: 16, maxLength: 16 }),
  )
  .map(([prefix, chars]) => prefix + chars.join(''));
const secret = fc
  .uniqueArray(fc.constantFrom(...BASE64), { minLength: 37, maxLength: 37 })
  .map((chars) => `a${chars.join('').replace(/[aZ7]/g, 'x')}Z7`);

type Ext = 'js' | 'ts' | 'tsx' | 'mjs' | 'cjs';
const LANG: Record<Ext, 'jsx' | 'ts' | 'tsx'> = { js: 'jsx', ts: 'ts', tsx: 'tsx', mjs: 'jsx', cjs: 'jsx' };

interface Shape {
  ext: Ext;
  esm: boolean;
  quote: "'" | '"';
  semi: boolean;
  crlf: boolean;
  multiline: boolean;
  trailingComma: boolean;
  unicode: boolean;
  value: 'literal' | 'template' | 'env' | 'env-fallback' | 'custom-env' | 'const' | 'split' | 'placeholder';
  receiver:
    | 'v3'
    | 'v3-super'
    | 'v3-holder'
    | 'v2-client'
    | 'v2-options-const'
    | 'v2-update'
    | 'v2-assign'
    | 'v2-keys';
  header: 'none' | 'use-strict' | 'license' | 'second-client';
  extraProp: 'none' | 'region' | 'endpoint' | 'spread';
  comment: boolean;
  target: 'keyless' | 'sdk-default';
  path: string;
}

const shape: fc.Arbitrary<Shape> = fc.record({
  ext: fc.constantFrom<Ext>('js', 'ts', 'tsx', 'mjs', 'cjs'),
  esm: fc.boolean(),
  quote: fc.constantFrom<"'" | '"'>("'", '"'),
  semi: fc.boolean(),
  crlf: fc.boolean(),
  multiline: fc.boolean(),
  trailingComma: fc.boolean(),
  unicode: fc.boolean(),
  value: fc.constantFrom(
    'literal',
    'template',
    'env',
    'env-fallback',
    'custom-env',
    'const',
    'split',
    'placeholder',
  ),
  receiver: fc.constantFrom(
    'v3',
    'v3-super',
    'v3-holder',
    'v2-client',
    'v2-options-const',
    'v2-update',
    'v2-assign',
    'v2-keys',
  ),
  header: fc.constantFrom('none', 'use-strict', 'license', 'second-client'),
  extraProp: fc.constantFrom('none', 'region', 'endpoint', 'spread'),
  comment: fc.boolean(),
  target: fc.constantFrom('keyless', 'sdk-default'),
  path: fc.constantFrom('src/aws.EXT', 'test/aws.spec.EXT', 'app/components/Upload.EXT', 'lib/aws.EXT'),
});

function program(s: Shape, id: string, sec: string): string {
  const q = s.quote;
  const semi = s.semi ? ';' : '';
  const str = (v: string) => `${q}${v}${q}`;
  const esm = s.ext === 'mjs' || (s.ext !== 'cjs' && s.esm);
  const v3 = s.receiver.startsWith('v3');
  const imports = v3
    ? esm
      ? `import { S3Client } from ${str('@aws-sdk/client-s3')}${semi}`
      : `const { S3Client } = require(${str('@aws-sdk/client-s3')})${semi}`
    : esm
      ? `import AWS from ${str('aws-sdk')}${semi}`
      : `const AWS = require(${str('aws-sdk')})${semi}`;
  const consts: string[] = [];
  const value = (field: 'id' | 'secret'): string => {
    const raw = field === 'id' ? id : sec;
    const envName = field === 'id' ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
    switch (s.value) {
      case 'literal':
        return str(raw);
      case 'template':
        return `\`${raw}\``;
      case 'env':
        return `process.env.${envName}`;
      case 'env-fallback':
        return `process.env.${envName} || ${str('')}`;
      case 'custom-env':
        return `process.env.MY_${field.toUpperCase()}`;
      case 'const': {
        const name = field === 'id' ? 'KEY_ID' : 'KEY_SECRET';
        consts.push(`const ${name} = ${str(raw)}${semi}`);
        return name;
      }
      case 'split':
        return `${str(raw.slice(0, 7))} + ${str(raw.slice(7))}`;
      default:
        return str(field === 'id' ? 'YOUR_KEY_ID' : 'YOUR_SECRET');
    }
  };
  const nl = s.multiline ? '\n  ' : ' ';
  const end = s.multiline ? `${s.trailingComma ? ',' : ''}\n` : ' ';
  const extra =
    s.extraProp === 'region'
      ? `region: ${str('us-east-1')},${nl}`
      : s.extraProp === 'endpoint'
        ? `endpoint: ${str('http://localhost:4566')},${nl}`
        : s.extraProp === 'spread'
          ? `...base,${nl}`
          : '';
  const note = s.comment ? ` // TODO${s.unicode ? ' ünïcödé 😀' : ''}` : '';
  // A line comment only where a line break follows it.
  const flat = `accessKeyId: ${value('id')},${s.multiline ? note : ''}${nl}secretAccessKey: ${value('secret')}`;
  const creds = `credentials: { accessKeyId: ${value('id')}, secretAccessKey: ${value('secret')} }`;
  let body: string;
  switch (s.receiver) {
    case 'v3':
      body = `export const client = new S3Client({${nl}${extra}${creds}${end}})${semi}`;
      break;
    case 'v3-holder':
      body = `const creds = { accessKeyId: ${value('id')}, secretAccessKey: ${value('secret')} }${semi}\nexport const client = new S3Client({${nl}${extra}credentials: creds${end}})${semi}`;
      break;
    case 'v3-super':
      body = `export class Store extends S3Client {\n  constructor() {\n    super({${nl}${extra}${creds}${end}})${semi}\n  }\n}`;
      break;
    case 'v2-client':
      body = `export const client = new AWS.S3({${nl}${extra}${flat}${end}})${semi}`;
      break;
    case 'v2-options-const':
      body = `const options = {${nl}${extra}${flat}${end}}${semi}\nexport const client = new AWS.SQS(options)${semi}`;
      break;
    case 'v2-update':
      body = `AWS.config.update({${nl}${extra}${flat}${end}})${semi}`;
      break;
    case 'v2-assign':
      body = `AWS.config.credentials = new AWS.Credentials(${value('id')}, ${value('secret')})${semi}`;
      break;
    default:
      body = `AWS.config.accessKeyId = ${value('id')}${semi}${note}\nAWS.config.secretAccessKey = ${value('secret')}${semi}`;
  }
  const base = s.extraProp === 'spread' ? `const base = { region: ${str('eu-west-1')} }${semi}\n` : '';
  const greeting = s.unicode ? `const greeting = ${str('héllo 😀 wörld')}${semi}\n` : '';
  const header =
    s.header === 'use-strict'
      ? `${str('use strict')}${semi}\n`
      : s.header === 'license'
        ? '/*\n * Copyright (c) the authors.\n */\n'
        : '';
  const second =
    s.header === 'second-client'
      ? `\nexport const other = ${v3 ? 'new S3Client({})' : 'new AWS.S3()'}${semi}`
      : '';
  const text = [header + imports, '', ...consts, base + greeting, body + second, ''].join('\n');
  return s.crlf ? text.replace(/\n/g, '\r\n') : text;
}

/**
 * Lines a rewrite may touch: the credentials, the constants that held them, the added import, and
 * the braces of an options object that lost all its properties (`{\n  credentials\n}` → `{}`).
 */
const TOUCHABLE =
  /accessKeyId|secretAccessKey|credentials|KEY_ID|KEY_SECRET|AWS\.config|AWS\.Credentials|fromInstanceRole|InstanceRoleCredentials|^[ \t]*(\/\/.*)?\r?$|^\s*\}\)?;?\r?$|\{\r?$/;

/**
 * Every input line the rewrite changed or dropped, which must all be touchable ones; lines it only
 * added (the import) must be the import.
 */
function touchedLines(before: string, after: string): string[] {
  const parts = diffLines(before, after);
  const added = new Set(parts.filter((p) => p.added).flatMap((p) => p.value.split('\n')));
  return parts.flatMap((part, i) => {
    const replaced = part.added && parts[i - 1]?.removed === true;
    if (!part.removed && !(part.added && !replaced)) return [];
    // A line that only lost its trailing comma (its list's new last item) is fine.
    const lines = part.value.split('\n').filter((line) => line !== '');
    return part.removed ? lines.filter((line) => !added.has(line.replace(/,(\s*)$/, '$1'))) : lines;
  });
}

function parses(text: string, ext: Ext): boolean {
  return parseSync(`x.${LANG[ext]}`, text, { lang: LANG[ext] }).errors.length === 0;
}

// 300 generated programs, each parsed up to four times: 5 s alone, over 20 s at load 45.
describe('analyzeSource properties', { timeout: 60_000 }, () => {
  it('fix output always parses, is idempotent, and findings never echo a secret', () => {
    let rewritten = 0;
    fc.assert(
      fc.property(shape, keyId, secret, (s, id, sec) => {
        const file = s.path.replace('EXT', s.ext);
        const text = program(s, id, sec);
        expect(parses(text, s.ext), text).toBe(true);
        const result = analyzeSource(file, text, { fix: true, target: s.target });
        const reported = JSON.stringify(result.findings);
        expect(reported.includes(id)).toBe(false);
        expect(reported.includes(sec)).toBe(false);
        if (result.output !== undefined) {
          rewritten++;
          expect(parses(result.output, s.ext), result.output).toBe(true);
          const stray = touchedLines(text, result.output).filter((line) => !TOUCHABLE.test(line));
          expect(stray, 'lines changed that hold no credential').toEqual([]);
          const written = s.value === 'literal' || s.value === 'template' || s.value === 'const';
          const left = result.output.includes(id) || result.output.includes(sec);
          expect(written && left, 'a rewritten key is gone').toBe(false);
          const again = analyzeSource(file, result.output, { fix: true, target: s.target });
          expect(again.output, result.output).toBeUndefined();
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
    // The generator must exercise the rewriter, not just the report-only paths.
    expect(rewritten).toBeGreaterThan(20);
  });

  it('never throws and never echoes a secret on arbitrary text around keys', () => {
    const ext = fc.constantFrom('a.ts', 'a.js', 'a.tsx', '.env', 'a.json', 'a.yaml');
    fc.assert(
      fc.property(ext, fc.string(), keyId, secret, fc.string(), (file, before, id, sec, after) => {
        const text = `${before}accessKeyId = '${id}'\nsecretAccessKey: "${sec}"${after}`;
        const result = analyzeSource(file, text, { fix: true });
        const reported = JSON.stringify({ findings: result.findings, parseError: result.parseError });
        expect(reported.includes(id)).toBe(false);
        expect(reported.includes(sec)).toBe(false);
        if (result.output !== undefined)
          expect(analyzeSource(file, result.output, { fix: true }).output).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
