import { describe, expect, it } from 'vitest';
import type { ReadFile } from '../io/readFile.js';
import { DMI_BOARD_ASSET_TAG, DMI_SYS_VENDOR, detectPlatform, HYPERVISOR_UUID } from './detectPlatform.js';

const reader =
  (files: Record<string, string>): ReadFile =>
  async (path) =>
    files[path];

describe(detectPlatform.name, () => {
  it.each([
    ['a Nitro vendor', { [DMI_SYS_VENDOR]: 'Amazon EC2\n' }, 'ec2'],
    [
      'an instance-id asset tag',
      { [DMI_SYS_VENDOR]: 'Amazon.com', [DMI_BOARD_ASSET_TAG]: 'i-0abc123def4567890' },
      'ec2',
    ],
    [
      'a Xen uuid starting with ec2',
      { [DMI_SYS_VENDOR]: 'Xen', [HYPERVISOR_UUID]: 'ec2e1916-9099-7caf-fd21-012345abcdef' },
      'ec2',
    ],
    ['another vendor', { [DMI_SYS_VENDOR]: 'QEMU' }, 'not-ec2'],
    [
      'a Xen host that is not EC2',
      { [DMI_SYS_VENDOR]: 'Xen', [HYPERVISOR_UUID]: '4f2e1916-9099-7caf-fd21-012345abcdef' },
      'not-ec2',
    ],
    ['Xen with no hypervisor uuid', { [DMI_SYS_VENDOR]: 'Xen' }, 'unknown'],
    ['no DMI files', {}, 'unknown'],
  ])('reads %s', async (_label, files, kind) => {
    expect((await detectPlatform(reader(files))).kind).toBe(kind);
  });

  it('names its evidence', async () => {
    expect(await detectPlatform(reader({ [DMI_SYS_VENDOR]: 'LENOVO' }))).toEqual({
      kind: 'not-ec2',
      evidence: 'sys_vendor "LENOVO"',
    });
  });
});
