import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { CredentialsProviderError, type InstanceRoleProvider, maskAccessKeyId } from '@keyless/credentials';

/** What the service needs: clients that already sign with `credentials`, and where notes go. */
export interface NotesServiceInit {
  /** The provider both clients were built with, read only to report where credentials came from. */
  credentials: InstanceRoleProvider;
  s3: S3Client;
  sts: STSClient;
  /** The bucket notes are stored in, under `notes/`. */
  bucket: string;
}

const MAX_NOTE_BYTES = 64 * 1024;
const NOTE_NAME = /^[\w.-]{1,100}$/;

/**
 * An HTTP service that keeps text notes in S3. It never sees an access key: both SDK clients sign
 * with the instance role's credentials, which `fromInstanceRole()` refreshes in the background.
 *
 * - `GET /identity`: who the service calls AWS as (STS GetCallerIdentity) and the credential source.
 * - `PUT /notes/{name}`: stores the request body (text, up to 64 KiB) as `notes/{name}`.
 * - `GET /notes/{name}`: returns the note, 404 if there is none.
 */
export function createNotesService(init: NotesServiceInit): Server {
  return createServer((req, res) => {
    route(init, req).then(
      (reply) => send(res, reply),
      (e: unknown) => send(res, errorReply(e)),
    );
  });
}

interface Reply {
  status: number;
  body: unknown;
}

async function route(init: NotesServiceInit, req: IncomingMessage): Promise<Reply> {
  const path = new URL(req.url ?? '/', 'http://service').pathname;
  if (req.method === 'GET' && path === '/identity') return identity(init);
  const name = path.startsWith('/notes/') ? decodeURIComponent(path.slice('/notes/'.length)) : undefined;
  if (name === undefined) return { status: 404, body: { error: `no route for ${req.method} ${path}` } };
  if (!NOTE_NAME.test(name))
    return { status: 400, body: { error: 'note names are 1-100 of A-Z a-z 0-9 _ . -' } };
  const key = `notes/${name}`;
  if (req.method === 'PUT') {
    const text = await readBody(req);
    if (text === undefined)
      return { status: 413, body: { error: `notes are at most ${MAX_NOTE_BYTES} bytes` } };
    await init.s3.send(
      new PutObjectCommand({ Bucket: init.bucket, Key: key, Body: text, ContentType: 'text/plain' }),
    );
    return { status: 201, body: { stored: key } };
  }
  if (req.method === 'GET') {
    try {
      const object = await init.s3.send(new GetObjectCommand({ Bucket: init.bucket, Key: key }));
      return { status: 200, body: { name, text: (await object.Body?.transformToString()) ?? '' } };
    } catch (e: unknown) {
      if (e instanceof NoSuchKey) return { status: 404, body: { error: `no note named ${name}` } };
      throw e;
    }
  }
  return { status: 405, body: { error: `${req.method} is not supported on ${path}` } };
}

async function identity(init: NotesServiceInit): Promise<Reply> {
  const caller = await init.sts.send(new GetCallerIdentityCommand({}));
  // The provider's cache answers this without a network call: it is the set the clients signed with.
  const credentials = await init.credentials();
  return {
    status: 200,
    body: {
      arn: caller.Arn,
      account: caller.Account,
      credentialSource: credentials.source,
      accessKeyId: maskAccessKeyId(credentials.accessKeyId),
    },
  };
}

/** The body as text, or undefined when it is larger than a note may be. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_NOTE_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * No credentials is a 503 that says why (the message lists each source tried and never holds a
 * secret); any other failure (AWS said no, no region configured...) is a 502 naming the error.
 */
function errorReply(e: unknown): Reply {
  if (e instanceof CredentialsProviderError) {
    return { status: 503, body: { error: 'no AWS credentials', detail: e.message } };
  }
  const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  console.error(`ec2-service: AWS call failed: ${error}`);
  return { status: 502, body: { error: 'AWS call failed', detail: error } };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json' });
  res.end(`${JSON.stringify(reply.body)}\n`);
}
