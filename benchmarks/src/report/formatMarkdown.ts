import type { BenchResults } from './BenchResults.js';
import type { Cell, Column, Figure } from './Figure.js';

function num(value: number, digits: number | undefined): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (digits === undefined) return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatCell(cell: Cell | undefined, column: Column): string {
  if (cell === null || cell === undefined) return '–';
  if (typeof cell === 'string') return cell.replaceAll('|', '\\|');
  if (typeof cell === 'number') return num(cell, column.digits);
  if (cell.n <= 1) return num(cell.median, column.digits);
  return `${num(cell.median, column.digits)} (${num(cell.min, column.digits)}–${num(cell.max, column.digits)})`;
}

function figureTable(figure: Figure): string[] {
  const head = ['', ...figure.columns.map((c) => c.label)];
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
  ];
  for (const row of figure.rows) {
    const label = row.kind === 'keyless' ? `**${row.label}**` : row.label;
    lines.push(`| ${[label, ...figure.columns.map((c) => formatCell(row.cells[c.key], c))].join(' | ')} |`);
  }
  return lines;
}

/** The gate as a table: every threshold, its value, and whether the run passed it. */
function gateTable(results: BenchResults): string[] {
  const lines = ['| check | value | limit | target | result |', '| --- | ---: | ---: | ---: | --- |'];
  for (const c of results.gate.checks) {
    const limit = [c.min === undefined ? '' : `>= ${c.min}`, c.max === undefined ? '' : `<= ${c.max}`]
      .filter(Boolean)
      .join(', ');
    const target = c.target === undefined ? '' : `${c.target}${c.targetMet === false ? ' (not met)' : ''}`;
    lines.push(
      `| ${c.ratio} | ${c.value === null ? 'missing' : num(c.value, 3)} | ${limit} | ${target} | ${c.passed ? 'pass' : '**FAIL**'} |`,
    );
  }
  for (const f of results.gate.failedFigures) {
    lines.push(`| figure ${f.id} | did not run: ${f.error.replaceAll('|', '\\|')} | | | **FAIL** |`);
  }
  return lines;
}

/** The markdown report: setup, gate, then every figure with its table, ratios and notes. */
export function formatMarkdown(results: BenchResults, chartFile: string | undefined): string {
  const m = results.machine;
  const out = [
    `Made by \`${results.command}\` at commit ${results.machine.commit} on ${results.startedAt.slice(0, 10)} in ${(results.durationMs / 1000).toFixed(0)} s:`,
    '',
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, load average ${m.loadAverage.toFixed(1)} at start.`,
    '',
    `Versions: ${Object.entries(m.packages)
      .map(([name, v]) => `${name} ${v}`)
      .join(', ')}.`,
    '',
    `**Gate: ${results.gate.passed ? 'passed' : 'FAILED'}** (limits in \`benchmarks/thresholds.json\`)`,
    '',
    ...gateTable(results),
  ];
  for (const figure of results.figures) {
    out.push('', `### ${figure.number}. ${figure.title}`, '', figure.setup, '', ...figureTable(figure), '');
    for (const r of figure.ratios) out.push(`- ${r.label}: **${num(r.value, 2)}** (\`${r.id}\`)`);
    for (const note of figure.notes) out.push(`- ${note}`);
    if (figure.id === 'caller-waits' && chartFile !== undefined) {
      out.push('', `![Caller latency over time, keyless against each SDK baseline](${chartFile})`);
    }
  }
  return `${out.join('\n')}\n`;
}
