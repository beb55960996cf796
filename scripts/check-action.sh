#!/usr/bin/env bash
# The script of the citekeeper check GitHub Action (action.yml runs it; tests run it too).
#
# Follows lychee-action's conventions: inputs arrive as INPUT_* variables, the
# report goes to INPUT_OUTPUT in INPUT_FORMAT, the job summary (Markdown) is rendered
# from the same run (one check, several reports: `--report FORMAT:PATH`), and
# `exit_code` / `report` are written to GITHUB_OUTPUT.  The step fails only when
# INPUT_FAIL is true and citekeeper's exit code is not 0.
#
# citekeeper runs from its own virtual environment under RUNNER_TEMP, so the
# caller's Python and packages are left as they were.  CITEKEEPER_BIN (tests, or a
# preinstalled citekeeper) skips the installation.
set -euo pipefail

fail="${INPUT_FAIL:-true}"
format="${INPUT_FORMAT:-markdown}"
output="${INPUT_OUTPUT:-citekeeper/out.md}"
summary="${INPUT_JOB_SUMMARY:-true}"
files="${INPUT_FILES:-}"
args="${INPUT_ARGS:-}"
cache="${INPUT_CACHE:-.citekeeper/links.sqlite}"
tmp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"

if [[ -n "${INPUT_DEBUG:-}" && "${INPUT_DEBUG}" != "false" ]]; then
  set -x
fi

bin="${CITEKEEPER_BIN:-}"
if [[ -z "$bin" ]]; then
  venv="$tmp/citekeeper-venv"
  if [[ ! -x "$venv/bin/citekeeper" ]]; then
    py="$(command -v python3 || command -v python)"
    "$py" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${GITHUB_ACTION_PATH:-.}"
  fi
  bin="$venv/bin/citekeeper"
fi

# Word lists without the shell's word splitting, globbing or evaluation of the
# inputs' text: both are split like a shell command line (quotes honoured) by shlex;
# FILES words are globs (``**`` included), expanded here and only here.
pybin="$(dirname "$bin")/python"
[[ -x "$pybin" ]] || pybin="$(command -v python3 || command -v python)"
split() {  # split TEXT [glob]: NUL-separated words
  "$pybin" -c '
import glob, shlex, sys
out = []
for word in shlex.split(sys.argv[1]):
    found = sorted(glob.glob(word, recursive=True)) if len(sys.argv) > 2 and glob.has_magic(word) else []
    out += found or [word]
sys.stdout.write("".join(w + "\0" for w in out))' "$@"
}
targets=()
while IFS= read -r -d '' word; do targets+=("$word"); done < <(split "$files" glob)
extra=()
while IFS= read -r -d '' word; do extra+=("$word"); done < <(split "$args")
if ((${#targets[@]} == 0)); then
  echo "::error title=citekeeper check::no files to check (input 'files')"
  echo "exit_code=2" >> "${GITHUB_OUTPUT:-/dev/null}"
  exit 2
fi

mkdir -p "$(dirname "$output")"
md="$tmp/citekeeper-summary-$$.md"
reports=(--report "$format:$output")
if [[ "$summary" == "true" ]]; then
  reports+=(--report "markdown:$md")
fi
cache_args=(--cache "$cache")
if [[ -z "$cache" ]]; then cache_args=(--no-cache); fi

set +e
"$bin" check "${targets[@]}" --format github --no-progress "${cache_args[@]}" "${reports[@]}" "${extra[@]}"
code=$?
set -e

if [[ "$summary" == "true" && -f "$md" && -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  cat "$md" >> "$GITHUB_STEP_SUMMARY"
fi
rm -f "$md"
# The report path is the caller's input: one with a line break is written in GitHub's
# multi-line form with a delimiter it cannot know, so it cannot forge another output.
{
  echo "exit_code=$code"
  if [[ "$output" == *$'\n'* || "$output" == *$'\r'* ]]; then
    delim="ck_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    printf 'report<<%s\n%s\n%s\n' "$delim" "$output" "$delim"
  else
    echo "report=$output"
  fi
} >> "${GITHUB_OUTPUT:-/dev/null}"

if [[ "$fail" == "true" && $code -ne 0 ]]; then
  exit "$code"
fi
exit 0
