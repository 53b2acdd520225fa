// Environment variable and profile key names: the AWS SDKs' own, so existing configuration works.

export const ENV_PROFILE = 'AWS_PROFILE';
export const ENV_LAMBDA_FUNCTION_NAME = 'AWS_LAMBDA_FUNCTION_NAME';
export const ENV_CREDENTIALS_FILE = 'AWS_SHARED_CREDENTIALS_FILE';
export const ENV_CONFIG_FILE = 'AWS_CONFIG_FILE';

export const ENV_IMDS_ENDPOINT = 'AWS_EC2_METADATA_SERVICE_ENDPOINT';
export const ENV_IMDS_ENDPOINT_MODE = 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE';
export const ENV_IMDS_DISABLED = 'AWS_EC2_METADATA_DISABLED';
export const ENV_IMDS_V1_DISABLED = 'AWS_EC2_METADATA_V1_DISABLED';
export const ENV_IMDS_TIMEOUT = 'AWS_METADATA_SERVICE_TIMEOUT';
export const ENV_IMDS_NUM_ATTEMPTS = 'AWS_METADATA_SERVICE_NUM_ATTEMPTS';
export const ENV_IMDS_PROFILE_NAME = 'AWS_EC2_INSTANCE_PROFILE_NAME';
export const CONFIG_IMDS_ENDPOINT = 'ec2_metadata_service_endpoint';
export const CONFIG_IMDS_ENDPOINT_MODE = 'ec2_metadata_service_endpoint_mode';
export const CONFIG_IMDS_DISABLED = 'disable_ec2_metadata';
export const CONFIG_IMDS_V1_DISABLED = 'ec2_metadata_v1_disabled';
export const CONFIG_IMDS_TIMEOUT = 'metadata_service_timeout';
export const CONFIG_IMDS_NUM_ATTEMPTS = 'metadata_service_num_attempts';
export const CONFIG_IMDS_PROFILE_NAME = 'ec2_instance_profile_name';

export const ENV_CONTAINER_RELATIVE_URI = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';
export const ENV_CONTAINER_FULL_URI = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
export const ENV_CONTAINER_TOKEN = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
export const ENV_CONTAINER_TOKEN_FILE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE';

export const ENV_WEB_IDENTITY_TOKEN_FILE = 'AWS_WEB_IDENTITY_TOKEN_FILE';
export const ENV_ROLE_ARN = 'AWS_ROLE_ARN';
export const ENV_ROLE_SESSION_NAME = 'AWS_ROLE_SESSION_NAME';
export const ENV_ENDPOINT_URL_STS = 'AWS_ENDPOINT_URL_STS';
export const ENV_ENDPOINT_URL = 'AWS_ENDPOINT_URL';
export const ENV_REGION = 'AWS_REGION';
export const ENV_DEFAULT_REGION = 'AWS_DEFAULT_REGION';
export const CONFIG_WEB_IDENTITY_TOKEN_FILE = 'web_identity_token_file';
export const CONFIG_ROLE_ARN = 'role_arn';
export const CONFIG_ROLE_SESSION_NAME = 'role_session_name';
export const CONFIG_REGION = 'region';

export const ENV_ACCESS_KEY_ID = 'AWS_ACCESS_KEY_ID';
export const ENV_SECRET_ACCESS_KEY = 'AWS_SECRET_ACCESS_KEY';
export const ENV_SESSION_TOKEN = 'AWS_SESSION_TOKEN';
export const ENV_CREDENTIAL_EXPIRATION = 'AWS_CREDENTIAL_EXPIRATION';
export const CONFIG_ACCESS_KEY_ID = 'aws_access_key_id';
export const CONFIG_SECRET_ACCESS_KEY = 'aws_secret_access_key';
export const CONFIG_SESSION_TOKEN = 'aws_session_token';
export const CONFIG_SSO_SESSION = 'sso_session';
export const CONFIG_SSO_START_URL = 'sso_start_url';
export const CONFIG_CREDENTIAL_PROCESS = 'credential_process';
export const CONFIG_CREDENTIAL_SOURCE = 'credential_source';
export const CONFIG_SOURCE_PROFILE = 'source_profile';
export const CONFIG_LOGIN_SESSION = 'login_session';
export const CONFIG_EXTERNAL_ID = 'external_id';
export const CONFIG_DURATION_SECONDS = 'duration_seconds';
export const CONFIG_MFA_SERIAL = 'mfa_serial';
