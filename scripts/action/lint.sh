#!/usr/bin/env bash
# The lint step of action.yml: installs the package named by CPL_PACKAGE into a folder of its own (npm's usual
# configuration applies: npm_config_offline, a registry mirror), runs it once for SARIF and once for the log, and
# writes exit-code and sarif-file to $GITHUB_OUTPUT. It never fails itself: the action's last step exits with the
# lint's status, after the upload.
#   CPL_PATHS (space-separated), CPL_ARGS, CPL_PACKAGE, CPL_SARIF; RUNNER_TEMP, GITHUB_OUTPUT
set -uo pipefail

tool="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/cognito-pool-lint.XXXXXX")"
if ! npm install --prefix "$tool" --no-save --no-audit --no-fund --loglevel=error "$CPL_PACKAGE" >&2; then
  echo "::error::cognito-pool-lint: could not install $CPL_PACKAGE"
  echo "exit-code=2" >>"$GITHUB_OUTPUT"
  exit 0
fi
lint="$tool/node_modules/.bin/cognito-pool-lint"
"$lint" --version

# shellcheck disable=SC2086 # paths and args are word lists
"$lint" --format sarif $CPL_ARGS $CPL_PATHS >"$CPL_SARIF"
status=$?
# The same findings for the log, grouped by file (its exit status is the same).
# shellcheck disable=SC2086
FORCE_COLOR=1 "$lint" $CPL_ARGS $CPL_PATHS

{
  echo "exit-code=$status"
  # A SARIF file only when the run wrote one (exit 2 for bad usage leaves it empty).
  if [ -s "$CPL_SARIF" ]; then echo "sarif-file=$CPL_SARIF"; else echo "sarif-file="; fi
} >>"$GITHUB_OUTPUT"
exit 0
