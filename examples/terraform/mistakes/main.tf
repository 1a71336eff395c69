# Deliberate mistakes, one per Terraform trap: each one is flagged.

resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "mistakes"
  allow_unauthenticated_identities = true
}

resource "aws_cognito_identity_pool" "staging" {
  identity_pool_name               = "mistakes-staging"
  allow_unauthenticated_identities = false
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    # Mistake: the interpolated aud names the staging pool, but the role is attached to the main pool.
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [aws_cognito_identity_pool.staging.id]
    }
    # Mistake: amr is multi-valued; StringLike alone does not match it as intended (ForAnyValue:StringLike).
    condition {
      test     = "StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = ["authenticated"]
    }
  }
}

resource "aws_iam_role" "authenticated" {
  name               = "mistakes-authenticated"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "own_folder" {
  name = "own-folder"
  role = aws_iam_role.authenticated.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = ["s3:GetObject", "s3:PutObject"]
      # Mistake: the variable has no `$` (in Terraform `$${cognito-identity.amazonaws.com:sub}`).
      Resource = "arn:aws:s3:::mistakes-photos/private/{cognito-identity.amazonaws.com:sub}/*"
    }]
  })
}

resource "aws_iam_role" "guest" {
  name = "mistakes-guest"
  assume_role_policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {
          "StringEquals": {"cognito-identity.amazonaws.com:aud": "${aws_cognito_identity_pool.main.id}"},
          "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"}
        }
      }]
    }
  EOF

  # Mistake: guests (anyone who knows the pool ID) may write to the bucket.
  inline_policy {
    name = "uploads"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::mistakes-photos/public/*" }]
    })
  }
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    authenticated   = aws_iam_role.authenticated.arn
    unauthenticated = aws_iam_role.guest.arn
  }
}

# Mistake: `${aws:username}` is a Terraform interpolation, which Terraform rejects: write `$${aws:username}`.
# (Terraform cannot parse the file from here on, so this one comes last.)
resource "aws_iam_policy" "home" {
  name   = "home-folders"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::mistakes-home/${aws:username}/*"}]
}
EOF
}
