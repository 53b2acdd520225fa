import { describe, expect, it } from 'vitest';
import { scratchLockfile } from './scratchLockfile.js';

// A repository lockfile in miniature: two workspaces, one linked to the other, a nested copy of a
// dependency inside one workspace, a dev-only package, and an optional platform binding.
const rootLock = {
  packages: {
    '': { name: 'repo', workspaces: ['packages/*'] },
    'packages/a': {
      name: '@scope/a',
      version: '1.0.0',
      dependencies: { '@scope/b': '1.0.0', left: '^2.0.0' },
      devDependencies: { tester: '^1.0.0' },
    },
    'packages/a/node_modules/left': {
      version: '2.0.0',
      integrity: 'sha512-left2',
      dependencies: { pad: '^1' },
    },
    'packages/b': { name: '@scope/b', version: '1.0.0', dependencies: { left: '^1.0.0', native: '1.0.0' } },
    'node_modules/@scope/a': { resolved: 'packages/a', link: true },
    'node_modules/@scope/b': { resolved: 'packages/b', link: true },
    'node_modules/left': { version: '1.0.0', integrity: 'sha512-left1', dev: true },
    'node_modules/pad': { version: '1.2.0', integrity: 'sha512-pad' },
    'node_modules/tester': { version: '1.0.0', dev: true },
    'node_modules/native': {
      version: '1.0.0',
      optionalDependencies: { '@native/linux': '1.0.0', '@native/win': '1.0.0' },
    },
    'node_modules/@native/linux': { version: '1.0.0', os: ['linux'], optional: true },
  },
};
const workspaces = [
  { dir: 'packages/a', name: '@scope/a', tarball: '../t/a.tgz' },
  { dir: 'packages/b', name: '@scope/b', tarball: '../t/b.tgz' },
];

describe(scratchLockfile.name, () => {
  const { lockfile, dependencies } = scratchLockfile(
    rootLock,
    workspaces,
    { name: 'app', version: '1.0.0' },
    'https://r.example/',
  );
  const packages = (lockfile as { packages: Record<string, Record<string, unknown>> }).packages;

  it('depends on the tarballs and installs them where npm would', () => {
    expect(dependencies).toEqual({ '@scope/a': 'file:../t/a.tgz', '@scope/b': 'file:../t/b.tgz' });
    expect(packages['']).toEqual({ name: 'app', version: '1.0.0', dependencies });
    expect(packages['node_modules/@scope/a']).toEqual({
      version: '1.0.0',
      resolved: 'file:../t/a.tgz',
      dependencies: { '@scope/b': '1.0.0', left: '^2.0.0' },
    });
  });

  it("keeps a workspace's nested copy of a dependency under that package", () => {
    expect(packages['node_modules/@scope/a/node_modules/left']).toMatchObject({ version: '2.0.0' });
    expect(packages['node_modules/left']).toMatchObject({ version: '1.0.0' });
  });

  it('pins registry packages to their tarball URLs and drops flags of the repository tree', () => {
    expect(packages['node_modules/left']).toEqual({
      version: '1.0.0',
      integrity: 'sha512-left1',
      resolved: 'https://r.example/left/-/left-1.0.0.tgz',
    });
    expect(packages['node_modules/@native/linux']?.resolved).toBe(
      'https://r.example/@native/linux/-/linux-1.0.0.tgz',
    );
  });

  it('follows transitive dependencies from where they are required, and leaves out dev-only ones', () => {
    expect(packages['node_modules/pad']).toBeDefined();
    expect(packages['node_modules/tester']).toBeUndefined();
    expect(Object.keys(packages).sort()).toEqual([
      '',
      'node_modules/@native/linux',
      'node_modules/@scope/a',
      'node_modules/@scope/a/node_modules/left',
      'node_modules/@scope/b',
      'node_modules/left',
      'node_modules/native',
      'node_modules/pad',
    ]);
  });

  it('skips an optional dependency the lockfile lacks but refuses a missing required one', () => {
    const { 'node_modules/pad': _, ...withoutPad } = rootLock.packages;
    const broken = { packages: withoutPad };
    expect(() => scratchLockfile(broken, workspaces, { name: 'app', version: '1.0.0' })).toThrow(
      'cannot resolve pad from packages/a/node_modules/left',
    );
  });
});
