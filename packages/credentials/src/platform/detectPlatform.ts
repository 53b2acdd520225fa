import type { ReadFile } from '../io/readFile.js';

/** What the DMI files say about this host. */
export interface PlatformHint {
  kind: 'ec2' | 'not-ec2' | 'unknown';
  /** The file content behind the verdict, for log lines and `keyless doctor`. */
  evidence: string;
}

export const DMI_SYS_VENDOR = '/sys/class/dmi/id/sys_vendor';
export const DMI_BOARD_ASSET_TAG = '/sys/class/dmi/id/board_asset_tag';
export const HYPERVISOR_UUID = '/sys/hypervisor/uuid';

/**
 * Reads the platform hint: Nitro instances report `Amazon EC2` as the system vendor and the instance
 * id as the board asset tag; Xen instances have a hypervisor UUID starting with `ec2`. A host with a
 * readable vendor that matches none of these (a laptop, another cloud, a CI runner) is clearly not
 * EC2. No DMI data at all (macOS, Windows, a container without /sys) proves nothing.
 */
export async function detectPlatform(readFile: ReadFile): Promise<PlatformHint> {
  const [vendor, assetTag, uuid] = await Promise.all(
    // A DMI entry that is not a small regular file says nothing about the host.
    [DMI_SYS_VENDOR, DMI_BOARD_ASSET_TAG, HYPERVISOR_UUID].map(async (p) =>
      (await readFile(p).catch(() => undefined))?.trim(),
    ),
  );
  if (vendor !== undefined && /amazon ec2/i.test(vendor))
    return { kind: 'ec2', evidence: `sys_vendor "${vendor}"` };
  if (assetTag !== undefined && /^i-[0-9a-f]{8,17}$/.test(assetTag)) {
    return { kind: 'ec2', evidence: `board_asset_tag "${assetTag}"` };
  }
  if (uuid !== undefined && /^ec2/i.test(uuid))
    return { kind: 'ec2', evidence: 'hypervisor uuid starts with "ec2"' };
  if (vendor === undefined || vendor === '') return { kind: 'unknown', evidence: 'no DMI data' };
  // Old Xen instances report "Xen"; without a readable hypervisor uuid that is not conclusive.
  if (/xen/i.test(vendor) && uuid === undefined)
    return { kind: 'unknown', evidence: `sys_vendor "${vendor}"` };
  return { kind: 'not-ec2', evidence: `sys_vendor "${vendor}"` };
}
