# Photo app auth and storage in Terraform: a user pool and its web client, an identity pool that also lets
# guests in, the roles of signed-in users and of guests, a rules-based role mapping for admins, principal tags
# for attributes for access control, and per-identity S3 folders and DynamoDB items.

variable "env" {
  type    = string
  default = "dev"
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "account_id" {
  type = string
}

resource "aws_cognito_user_pool" "main" {
  name                     = "photoapp-${var.env}"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "photoapp-web"
  user_pool_id = aws_cognito_user_pool.main.id
}

resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "photoapp_${var.env}"
  allow_unauthenticated_identities = true
  allow_classic_flow               = false

  cognito_identity_providers {
    client_id     = aws_cognito_user_pool_client.web.id
    provider_name = aws_cognito_user_pool.main.endpoint
  }
}

# The user pool's `custom:team` attribute becomes the `team` principal tag of each session.
resource "aws_cognito_identity_pool_provider_principal_tag" "team" {
  identity_pool_id       = aws_cognito_identity_pool.main.id
  identity_provider_name = aws_cognito_user_pool.main.endpoint
  use_defaults           = false
  principal_tags = {
    team = "custom:team"
  }
}

resource "aws_s3_bucket" "photos" {
  bucket = "photoapp-uploads-${var.env}"
}

resource "aws_dynamodb_table" "albums" {
  name         = "photoapp-albums-${var.env}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "identityId"
  range_key    = "albumId"

  attribute {
    name = "identityId"
    type = "S"
  }
  attribute {
    name = "albumId"
    type = "S"
  }
}

# Signed-in users of this pool (and the session tags of their attributes).
resource "aws_iam_role" "authenticated" {
  name = "photoapp-authenticated-${var.env}"
  assume_role_policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "SignedInUsersOfThisPool",
          "Effect": "Allow",
          "Principal": {"Federated": "cognito-identity.amazonaws.com"},
          "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
          "Condition": {
            "StringEquals": {"cognito-identity.amazonaws.com:aud": "${aws_cognito_identity_pool.main.id}"},
            "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}
          }
        }
      ]
    }
  EOF
}

# Each identity's own folders; the shared folders to read.
resource "aws_iam_role_policy" "photo_storage" {
  name = "photo-storage"
  role = aws_iam_role.authenticated.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ListOwnAndPublicFolders"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = aws_s3_bucket.photos.arn
        Condition = {
          StringLike = {
            "s3:prefix" = ["public/", "public/*", "private/$${cognito-identity.amazonaws.com:sub}/", "private/$${cognito-identity.amazonaws.com:sub}/*"]
          }
        }
      },
      {
        Sid      = "ReadWriteOwnFolder"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
        Resource = "${aws_s3_bucket.photos.arn}/private/$${cognito-identity.amazonaws.com:sub}/*"
      },
      {
        Sid      = "ReadPublicFolder"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "${aws_s3_bucket.photos.arn}/public/*"
      },
    ]
  })
}

# Each identity's own albums, by leading key.
data "aws_iam_policy_document" "albums" {
  statement {
    sid       = "OwnAlbums"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:DeleteItem"]
    resources = [aws_dynamodb_table.albums.arn]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "dynamodb:LeadingKeys"
      values   = ["&{cognito-identity.amazonaws.com:sub}"]
    }
  }

  # Team folders by the `team` principal tag (attributes for access control).
  statement {
    sid       = "TeamFolder"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.photos.arn}/teams/$${aws:PrincipalTag/team}/*"]
  }
}

resource "aws_iam_role_policy" "albums" {
  name   = "albums"
  role   = aws_iam_role.authenticated.id
  policy = data.aws_iam_policy_document.albums.json
}

# Admins (the user pool's `admins` group) get a role of their own through the role mapping; their sessions get
# the `team` principal tag too, so the trust allows sts:TagSession.
resource "aws_iam_role" "admin" {
  name = "photoapp-admin-${var.env}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Action    = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]
      Condition = {
        StringEquals             = { "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.main.id }
        "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = "authenticated" }
      }
    }]
  })
}

resource "aws_iam_role_policy" "admin_photos" {
  name = "admin-photos"
  role = aws_iam_role.admin.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:DeleteObject"]
      Resource = "${aws_s3_bucket.photos.arn}/*"
    }]
  })
}

# Guests: the trust policy of the unauthenticated role, and the app's CloudWatch RUM events only (an action the
# enhanced flow's guest session policy allows).
data "aws_iam_policy_document" "guest_trust" {
  statement {
    sid     = "GuestsOfThisPool"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [aws_cognito_identity_pool.main.id]
    }
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["unauthenticated"]
    }
  }
}

resource "aws_iam_role" "guest" {
  name               = "photoapp-guest-${var.env}"
  assume_role_policy = data.aws_iam_policy_document.guest_trust.json

  inline_policy {
    name = "app-monitoring"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Sid      = "SendRumEvents"
        Effect   = "Allow"
        Action   = "rum:PutRumEvents"
        Resource = "arn:aws:rum:${var.region}:${var.account_id}:appmonitor/photoapp-${var.env}"
      }]
    })
  }
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id

  roles = {
    authenticated   = aws_iam_role.authenticated.arn
    unauthenticated = aws_iam_role.guest.arn
  }

  role_mapping {
    identity_provider         = "${aws_cognito_user_pool.main.endpoint}:${aws_cognito_user_pool_client.web.id}"
    type                      = "Rules"
    ambiguous_role_resolution = "AuthenticatedRole"

    mapping_rule {
      claim      = "cognito:groups"
      match_type = "Contains"
      value      = "admins"
      role_arn   = aws_iam_role.admin.arn
    }
  }
}
