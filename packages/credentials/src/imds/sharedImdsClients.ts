import { objectId } from '../cache/objectId.js';
import type { Seams } from '../sources/SourceDriver.js';
import { ImdsClient, type ImdsClientInit } from './ImdsClient.js';

/** What decides an IMDS client's behaviour: the settings, the clock, the randomness and the I/O seams. */
export type ImdsClientSettings = Omit<ImdsClientInit, 'request' | 'sleep' | 'logger'> & { seams: Seams };

// One client per endpoint and settings for the whole process, whatever else the configurations of
// the providers using it differ in (their logger, staticKeys, advisory window...): one IMDSv2 token,
// one role lookup and one in-flight fetch, instead of one each per configuration (10,000
// configurations used to mean 30,000 requests at once). Held weakly: a client lives as long as some
// provider's source uses it, and it owns no timer, so nothing else needs closing.
const clients = new Map<string, WeakRef<ImdsClient>>();
const collected = new FinalizationRegistry<string>((key) => {
  if (clients.get(key)?.deref() === undefined) clients.delete(key);
});

/** The process's IMDS client for these settings, created on first use. */
export function sharedImdsClient(settings: ImdsClientSettings): ImdsClient {
  const { seams, clock, random, ...plain } = settings;
  const key = JSON.stringify({
    ...plain,
    clock: objectId(clock),
    random: objectId(random),
    seams: objectId(seams),
  });
  const existing = clients.get(key)?.deref();
  if (existing !== undefined) return existing;
  const client = new ImdsClient({ ...plain, clock, random, request: seams.request, sleep: seams.sleep });
  clients.set(key, new WeakRef(client));
  collected.register(client, key);
  return client;
}
