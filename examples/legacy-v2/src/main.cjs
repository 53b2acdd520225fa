'use strict';
// A legacy aws-sdk v2 job, migrated: `npm start` writes a small CSV export to S3 and prints which
// identity wrote it. Settings come from the environment: EXPORT_BUCKET, AWS_REGION, and optionally
// EXPORT_ACCESS_KEY_ID / EXPORT_SECRET_ACCESS_KEY (the old keys, now only the fallback).
const AWS = require('aws-sdk');
const { instanceRoleCredentials } = require('./instanceRoleCredentials.cjs');
const { describeError } = require('./describeError.cjs');
const { runExport } = require('./runExport.cjs');

const bucket = process.env.EXPORT_BUCKET;
if (!bucket) {
  console.error('legacy-v2: set EXPORT_BUCKET to the S3 bucket the export goes in');
  process.exit(2);
}

// before: AWS.config.update({ accessKeyId: process.env.EXPORT_ACCESS_KEY_ID, secretAccessKey: ... })
AWS.config.update({
  ...(process.env.AWS_REGION && { region: process.env.AWS_REGION }),
  credentials: instanceRoleCredentials(process.env, { logger: console }),
});

// aws-sdk v2 does not read AWS_ENDPOINT_URL_*; pass them on so the job can run against local endpoints.
const sts = new AWS.STS(endpointOf(process.env.AWS_ENDPOINT_URL_STS));
const s3 = new AWS.S3({ ...endpointOf(process.env.AWS_ENDPOINT_URL_S3), s3ForcePathStyle: true });

const rows = [
  { sku: 'A-100', name: 'widget', stock: 12 },
  { sku: 'B-200', name: 'gadget, large', stock: 3 },
];

runExport({ sts, s3, bucket, rows, log: (line) => console.log(line) }).then(
  (result) => {
    console.log(`exported ${result.rows} rows`);
  },
  (/** @type {unknown} */ e) => {
    console.error(`legacy-v2: export failed: ${describeError(e)}`);
    process.exitCode = 1;
  },
);

/** @param {string | undefined} url */
function endpointOf(url) {
  return url ? { endpoint: url } : {};
}
