'use strict';

/**
 * @typedef {object} ExportInit
 * @property {import('aws-sdk').STS} sts
 * @property {import('aws-sdk').S3} s3
 * @property {string} bucket where the export goes
 * @property {ReadonlyArray<Readonly<Record<string, string | number>>>} rows
 * @property {{ now(): number }} [clock] names the export file; default `Date`
 * @property {(line: string) => void} [log] told who is writing, before the upload; default: silent
 */

/**
 * The legacy job, unchanged by the migration: it writes `rows` as CSV to S3 and reports which
 * identity wrote it. Only the credentials given to its clients changed.
 *
 * @param {ExportInit} init
 * @returns {Promise<{ writtenBy: string, key: string, rows: number }>}
 */
async function runExport({ sts, s3, bucket, rows, clock = Date, log = () => {} }) {
  const identity = await sts.getCallerIdentity().promise();
  const key = `exports/${new Date(clock.now()).toISOString().slice(0, 10)}.csv`;
  log(`writing s3://${bucket}/${key} as ${identity.Arn}`);
  await s3.putObject({ Bucket: bucket, Key: key, Body: toCsv(rows), ContentType: 'text/csv' }).promise();
  return { writtenBy: identity.Arn ?? 'unknown', key, rows: rows.length };
}

/** @param {ReadonlyArray<Readonly<Record<string, string | number>>>} rows */
function toCsv(rows) {
  const columns = Object.keys(rows[0] ?? {});
  const cell = (/** @type {unknown} */ v) => {
    const text = String(v ?? '');
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [columns, ...rows.map((r) => columns.map((c) => r[c]))]
    .map((line) => line.map(cell).join(','))
    .join('\n');
}

module.exports = { runExport };
