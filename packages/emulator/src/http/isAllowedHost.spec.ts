import { describe, expect, it } from 'vitest';
import { isAllowedHost } from './isAllowedHost.js';

describe(isAllowedHost.name, () => {
  it.each([
    ['127.0.0.1:8080', []],
    ['127.0.0.1', []],
    ['10.1.2.3:80', []],
    ['[::1]:8080', []],
    ['localhost:8080', []],
    ['LOCALHOST.', []],
    ['app.localhost:3000', []],
    ['emulator:9000', ['emulator']],
    ['imds.example.test', ['.example.test']],
    ['example.test', ['.example.test']],
    [undefined, []],
  ])('accepts %s (allowed %j)', (host, allowed) => {
    expect(isAllowedHost(host, allowed)).toBe(true);
  });

  it.each([
    ['attacker.example:8080', []],
    ['127.0.0.1.attacker.example', []],
    ['localhost.attacker.example', []],
    ['emulator2:9000', ['emulator']],
    ['badexample.test', ['.example.test']],
    ['', []],
    ['[::1', []],
    ['a:b:c', []],
  ])('refuses %j (allowed %j)', (host, allowed) => {
    expect(isAllowedHost(host, allowed)).toBe(false);
  });
});
