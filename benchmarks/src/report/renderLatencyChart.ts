import { WAIT_THRESHOLD_MS, waitingCalls } from '../credentials/callerWaitsFigure.js';
import type { StreamRun } from '../credentials/runCallerStreams.js';
import { SUBJECT_LABELS } from '../credentials/subjects.js';
import { percentile } from '../stats/summarize.js';

const WIDTH = 960;
const PANEL = 190;
const LEFT = 64;
const RIGHT = 16;
const TOP = 44;
const GAP = 34;
const Y_MIN = 0.01;
const Y_MAX = 1000;
const COLORS: Readonly<Record<string, string>> = {
  'sdk-imds': '#c0392b',
  'sdk-chain': '#d68910',
  keyless: '#1f77b4',
};

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const fixed = (n: number) => n.toFixed(1);

/**
 * Figure 2 as a picture: one panel per subject, every caller a dot at (start time, latency) on a log
 * scale, dashed lines where callers first saw a new credential set, and the wait threshold. Plain SVG
 * text, no dependencies, stable output for the same data.
 */
export function renderLatencyChart(runs: readonly StreamRun[], title: string): string {
  const seconds = Math.max(1, ...runs.flatMap((r) => r.stream.startMs.map((ms) => ms / 1000)));
  const plotW = WIDTH - LEFT - RIGHT;
  const height = TOP + runs.length * (PANEL + GAP) + 30;
  const x = (s: number) => LEFT + (s / seconds) * plotW;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  runs.forEach((run, i) => {
    const top = TOP + i * (PANEL + GAP) + 16;
    const y = (ms: number) => {
      const clamped = Math.min(Y_MAX, Math.max(Y_MIN, ms));
      const f = (Math.log10(clamped) - Math.log10(Y_MIN)) / (Math.log10(Y_MAX) - Math.log10(Y_MIN));
      return top + PANEL - f * PANEL;
    };
    const sorted = [...run.stream.latencyMs].sort((a, b) => a - b);
    const stats =
      `${sorted.length} calls · ${waitingCalls(run.stream)} waited · p99 ${percentile(sorted, 0.99).toFixed(2)} ms · ` +
      `max ${(sorted.at(-1) ?? 0).toFixed(1)} ms · ${run.refreshes} refreshes`;
    out.push(
      `<text x="${LEFT}" y="${top - 6}" font-weight="bold" fill="${COLORS[run.subject] ?? '#333'}">${escapeXml(SUBJECT_LABELS[run.subject])}</text>`,
      `<text x="${WIDTH - RIGHT}" y="${top - 6}" text-anchor="end" fill="#444">${escapeXml(stats)}</text>`,
      `<rect x="${LEFT}" y="${top}" width="${plotW}" height="${PANEL}" fill="#fafafa" stroke="#bbb"/>`,
    );
    for (let exp = Math.log10(Y_MIN); exp <= Math.log10(Y_MAX); exp++) {
      const ty = fixed(y(10 ** exp));
      out.push(
        `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${ty}" y2="${ty}" stroke="#e3e3e3"/>`,
        `<text x="${LEFT - 6}" y="${ty}" dy="3" text-anchor="end" fill="#555">${10 ** exp >= 1 ? 10 ** exp : (10 ** exp).toFixed(-exp)} ms</text>`,
      );
    }
    const wy = fixed(y(WAIT_THRESHOLD_MS));
    out.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${wy}" y2="${wy}" stroke="#888" stroke-dasharray="6 3"/>`,
    );
    for (const seen of run.stream.firstSeenEpochMs.slice(1)) {
      const rx = fixed(x((seen - run.stream.startedAtEpochMs) / 1000));
      out.push(
        `<line x1="${rx}" x2="${rx}" y1="${top}" y2="${top + PANEL}" stroke="#2e7d32" stroke-opacity="0.55" stroke-dasharray="3 3"/>`,
      );
    }
    const dots = run.stream.startMs.map(
      (ms, k) => `M${fixed(x(ms / 1000))} ${fixed(y(run.stream.latencyMs[k] ?? 0))}h0`,
    );
    out.push(
      `<path d="${dots.join('')}" stroke="${COLORS[run.subject] ?? '#333'}" stroke-width="3.2" stroke-linecap="round" stroke-opacity="0.6" fill="none"/>`,
    );
  });
  const axisY = TOP + runs.length * (PANEL + GAP) - GAP + 16;
  for (let s = 0; s <= seconds; s += seconds > 20 ? 5 : seconds > 8 ? 2 : 1) {
    out.push(`<text x="${fixed(x(s))}" y="${axisY + 14}" text-anchor="middle" fill="#555">${s} s</text>`);
  }
  out.push(
    `<text x="${WIDTH - RIGHT}" y="${axisY + 32}" text-anchor="end" fill="#555">time since the stream began · dashed green: a new credential set first seen · dashed grey: ${WAIT_THRESHOLD_MS} ms wait threshold</text>`,
    '</svg>',
  );
  return `${out.join('\n')}\n`;
}
