import { callerStreamScenario } from '../credentials/callerStreamScenario.js';
import { coldCallersScenario } from '../credentials/coldCallersScenario.js';
import { manyConfigsScenario } from '../credentials/manyConfigsScenario.js';
import { offEc2Scenario } from '../credentials/offEc2Scenario.js';
import { outageScenario } from '../credentials/outageScenario.js';
import { warmCallScenario } from '../credentials/warmCallScenario.js';

/** Every scenario a child process can run, by name. */
export const scenarios = {
  'warm-call': warmCallScenario,
  'caller-stream': callerStreamScenario,
  'cold-callers': coldCallersScenario,
  'off-ec2': offEc2Scenario,
  outage: outageScenario,
  'many-configs': manyConfigsScenario,
};

export type ScenarioName = keyof typeof scenarios;
export type ScenarioArgs<K extends ScenarioName> = Parameters<(typeof scenarios)[K]>[0];
export type ScenarioResult<K extends ScenarioName> = Awaited<ReturnType<(typeof scenarios)[K]>>;

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(scenarios, name);
}
