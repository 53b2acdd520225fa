interface InstanceFacts {
  accountId: string;
  region: string;
  instanceId: string;
  store: { attached: boolean };
}

/** A leaf or a listing of the non-credential metadata tree; `undefined` when the path does not exist. */
export function metadataDocument(
  facts: InstanceFacts,
  rest: string,
): { body: string; format: 'text' | 'json' } | undefined {
  const path = rest.replace(/\/+$/, '');
  const az = `${facts.region}a`;
  const text: Record<string, string> = {
    '': 'dynamic\nmeta-data',
    '/meta-data': [
      'ami-id',
      'ami-launch-index',
      'hostname',
      ...(facts.store.attached ? ['iam/'] : []),
      'instance-id',
      'instance-type',
      'local-hostname',
      'local-ipv4',
      'placement/',
    ].join('\n'),
    '/meta-data/ami-id': `ami-0${facts.instanceId.slice(2, 18)}`,
    '/meta-data/ami-launch-index': '0',
    '/meta-data/hostname': 'ip-127-0-0-1.ec2.internal',
    '/meta-data/local-hostname': 'ip-127-0-0-1.ec2.internal',
    '/meta-data/local-ipv4': '127.0.0.1',
    '/meta-data/instance-id': facts.instanceId,
    '/meta-data/instance-type': 't3.micro',
    '/meta-data/placement': 'availability-zone\nregion',
    '/meta-data/placement/availability-zone': az,
    '/meta-data/placement/region': facts.region,
    '/dynamic': 'instance-identity/',
    '/dynamic/instance-identity': 'document',
  };
  if (Object.hasOwn(text, path)) return { body: text[path] ?? '', format: 'text' };
  if (path === '/dynamic/instance-identity/document') {
    const document = {
      accountId: facts.accountId,
      architecture: 'x86_64',
      availabilityZone: az,
      imageId: text['/meta-data/ami-id'],
      instanceId: facts.instanceId,
      instanceType: 't3.micro',
      privateIp: '127.0.0.1',
      region: facts.region,
      version: '2017-09-30',
    };
    return { body: JSON.stringify(document, null, 2), format: 'json' };
  }
  return undefined;
}
