import { KeyTags } from './KeyTags.js';
import { clientProvider, type SubjectName } from './subjects.js';

/** Inputs of the cold-callers scenario. */
export interface ColdCallersArgs {
  subject: SubjectName;
  callers: number;
  clients: number;
}

/** How the burst went. */
export interface ColdCallers {
  /** From the first call to the last answer, ms. */
  elapsedMs: number;
  failures: number;
  /** Different credential sets handed out. */
  distinctSets: number;
}

/**
 * Figure 3b (in a fresh process, so nothing is cached): `clients` SDK clients built the way the subject
 * is used, then `callers` concurrent first calls spread evenly over them, as a service that starts
 * under load would make.
 */
export async function coldCallersScenario(args: ColdCallersArgs): Promise<ColdCallers> {
  const providers = Array.from({ length: args.clients }, () => clientProvider(args.subject));
  const tags = new KeyTags();
  let failures = 0;
  const begun = performance.now();
  await Promise.all(
    Array.from({ length: args.callers }, (_, i) => {
      const provide = providers[i % providers.length];
      if (provide === undefined) throw new RangeError('cold-callers needs at least one client');
      return provide().then(
        (credentials) => {
          tags.tag(credentials);
        },
        () => {
          failures++;
        },
      );
    }),
  );
  return { elapsedMs: performance.now() - begun, failures, distinctSets: tags.size };
}
