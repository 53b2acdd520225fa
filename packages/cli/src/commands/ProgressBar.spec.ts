import { describe, expect, it } from 'vitest';
import { ProgressBar } from './ProgressBar.js';

function terminal(isTTY: boolean) {
  let text = '';
  return { stream: { isTTY, write: (t: string) => (text += t) }, text: () => text };
}

describe(ProgressBar.name, () => {
  it('stays silent for the first second, then draws and throttles redraws', () => {
    let now = 0;
    const t = terminal(true);
    const bar = new ProgressBar(t.stream, { clock: { now: () => now } });
    now = 999;
    bar.update(10, 100);
    expect(t.text()).toBe('');
    now = 1000;
    bar.update(50, 100);
    expect(t.text()).toBe('\r[############------------] 50/100 files\x1b[K');
    now = 1050;
    bar.update(60, 100);
    expect(t.text().match(/\r\[/g)).toHaveLength(1);
    now = 1100;
    bar.update(100, 100);
    expect(t.text()).toContain('\r[########################] 100/100 files');
    bar.clear();
    expect(t.text().endsWith('\r\x1b[K')).toBe(true);
  });

  it('never writes to a pipe or a file', () => {
    let now = 0;
    const t = terminal(false);
    const bar = new ProgressBar(t.stream, { clock: { now: () => now } });
    now = 5000;
    bar.update(1, 2);
    bar.clear();
    expect(t.text()).toBe('');
  });

  it('clears nothing when it never drew', () => {
    const t = terminal(true);
    const bar = new ProgressBar(t.stream, { clock: { now: () => 0 } });
    bar.update(1, 2);
    bar.clear();
    expect(t.text()).toBe('');
  });

  it('rejects negative delays', () => {
    expect(() => new ProgressBar(terminal(true).stream, { delayMs: -1 })).toThrow(TypeError);
  });
});
