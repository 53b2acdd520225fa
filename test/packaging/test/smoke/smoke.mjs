// ESM consumer: `import` resolves each package's "import" condition (dist/index.js).
import * as codemod from '@keyless/codemod';
import * as credentials from '@keyless/credentials';
import * as emulator from '@keyless/emulator';
import * as policy from '@keyless/policy';
import * as recorder from '@keyless/policy/recorder';
import * as redact from '@keyless/redact';
import * as shims from '@keyless/shims';
import probeModule from './probe.cjs';

await probeModule.probe('esm', { redact, emulator, credentials, shims, codemod, policy, recorder });
