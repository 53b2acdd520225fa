/** Settings of the notes service, read once from the environment at start. */
export interface ServiceConfig {
  host: string;
  port: number;
  bucket: string;
}

/**
 * Reads `HOST` (default `127.0.0.1`), `PORT` (default 8080; 0 picks a free port) and `NOTES_BUCKET`
 * (required). Region, endpoints and credentials are not here: the SDK clients and
 * `fromInstanceRole()` read their own variables (`AWS_REGION`, `AWS_ENDPOINT_URL_S3`,
 * `AWS_EC2_METADATA_SERVICE_ENDPOINT`...).
 *
 * @throws TypeError naming the variable that is missing or malformed.
 */
export function readServiceConfig(env: Readonly<Record<string, string | undefined>>): ServiceConfig {
  const port = Number(env.PORT ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(env.PORT)}`);
  }
  const bucket = env.NOTES_BUCKET ?? '';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new TypeError(
      `NOTES_BUCKET must name the S3 bucket notes go in (3-63 of a-z 0-9 . -), got ${JSON.stringify(env.NOTES_BUCKET)}`,
    );
  }
  return { host: env.HOST || '127.0.0.1', port, bucket };
}
