import { toMessage } from '../toMessage.js';
import type { ChildReply } from './runChild.js';
import { isScenarioName, scenarios } from './scenarios.js';

// Entry of a scenario process: one request from the parent, one reply, then exit.
const name = process.argv[2] ?? '';

process.once('message', async (message: { args: unknown }) => {
  // A service stays up while it waits; without this the loop may empty during a provider's unref'd
  // backoff timer and the process would exit mid-scenario.
  const keepAlive = setInterval(() => {}, 60_000);
  let reply: ChildReply<unknown>;
  try {
    if (!isScenarioName(name)) throw new Error(`unknown scenario ${JSON.stringify(name)}`);
    const run = scenarios[name] as (args: unknown) => Promise<unknown>;
    reply = { ok: true, result: await run(message.args) };
  } catch (e: unknown) {
    reply = { ok: false, error: toMessage(e) };
  }
  clearInterval(keepAlive);
  process.send?.(reply, () => process.exit(0));
});
