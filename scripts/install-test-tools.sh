#!/usr/bin/env bash
# Installs the external tools some tests use, into target/tools (nothing outside the repo):
# - pre-commit (PyPI), for the pre-commit round trip;
# - Microsoft's SARIF Multitool and the official SARIF 2.1.0 schema (npm), for SARIF checks;
# - yaml-language-server (npm), the validator behind editors' YAML support, for the schema
#   checks in tests/it/editor.rs;
# - mermaid and jsdom (npm), Mermaid's own parser for the graphs `argolint docs templates`
#   draws (tests/it/template_docs.rs).
# Without them those tests skip locally with a message; on CI (CI set) they fail.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=target/tools
mkdir -p "$tools"

if [ ! -x "$tools/venv/bin/pre-commit" ]; then
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check -r scripts/test-requirements.txt
fi

if [ ! -e "$tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" ] \
  || [ ! -e "$tools/node_modules/.bin/sarif-multitool" ] \
  || [ ! -e "$tools/node_modules/yaml-language-server/package.json" ] \
  || [ ! -e "$tools/node_modules/mermaid/package.json" ] \
  || [ ! -e "$tools/node_modules/jsdom/package.json" ]; then
  (cd "$tools" && npm install --no-audit --no-fund --silent --ignore-scripts \
    @microsoft/sarif-multitool@5.7.0 @microsoft/jest-sarif@1.0.0-beta.0 \
    yaml-language-server@1.19.2 vscode-languageserver-textdocument@1.0.16 \
    mermaid@11.17.2 jsdom@26.1.0)
fi
# The Multitool's own install script only marks its binary executable; do that here.
chmod u+x "$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
echo "test tools ready in $tools"
