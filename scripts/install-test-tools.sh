#!/usr/bin/env bash
# Installs the external tools some tests use, into target/tools (nothing outside the repo):
# - pre-commit and maturin (PyPI), for the pre-commit round trip and the Python wheel
#   (tests/precommit.rs, tests/wheel.rs), and setuptools' wheel in target/tools/wheelhouse, the
#   build backend of pre-commit-mirror/, so the Python hook installs with pip offline;
# - actionlint (Go module proxy, built with the Go toolchain), for the GitHub Action's
#   workflows (tests/ci_templates.rs);
# - Microsoft's SARIF Multitool and the official SARIF 2.1.0 schema (npm), for SARIF checks;
# - yaml-language-server (npm), the validator behind editors' YAML support, for the schema
#   checks in tests/it/editor.rs;
# - mermaid and jsdom (npm), Mermaid's own parser for the graphs `argolint docs templates`
#   draws (tests/it/template_docs.rs);
# - Mermaid's CLI (@mermaid-js/mermaid-cli, npm) with puppeteer, told not to download its own
#   Chrome (PUPPETEER_SKIP_DOWNLOAD), and Debian's Chromium (apt, /usr/bin/chromium) as its
#   headless browser: tests/it/template_docs.rs renders a generated graph to SVG with them.
# - cargo-fuzz (crates.io, built with cargo), which scripts/fuzz.sh runs with the nightly
#   toolchain (coverage-guided fuzzing of fuzz/);
# - Neovim (Debian's `neovim`, apt), the editor tests/it/lsp/neovim.rs drives the language
#   server from.
# Without them those tests skip locally with a message; on CI (CI set) they fail.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=target/tools
mkdir -p "$tools"

if [ ! -x "$tools/venv/bin/pre-commit" ] || [ ! -x "$tools/venv/bin/maturin" ]; then
  [ -x "$tools/venv/bin/pip" ] || python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check -r scripts/test-requirements.txt
fi

setuptools=84.2.1
if [ ! -e "$tools/wheelhouse/setuptools-$setuptools-py3-none-any.whl" ]; then
  "$tools/venv/bin/pip" download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: -d "$tools/wheelhouse" "setuptools==$setuptools"
fi

actionlint=v1.7.12
if [ "$("$tools/bin/actionlint" --version 2>/dev/null | head -1)" != "$actionlint" ]; then
  GOBIN="$PWD/$tools/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$actionlint"
fi

if [ ! -e "$tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" ] \
  || [ ! -e "$tools/node_modules/.bin/sarif-multitool" ] \
  || [ ! -e "$tools/node_modules/yaml-language-server/package.json" ] \
  || [ ! -e "$tools/node_modules/mermaid/package.json" ] \
  || [ ! -e "$tools/node_modules/jsdom/package.json" ] \
  || [ ! -e "$tools/node_modules/.bin/mmdc" ]; then
  # mermaid-cli 11.17.0 is the last release that runs on Node 20 (12.x needs Node 22.13).
  (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --silent --ignore-scripts \
    @microsoft/sarif-multitool@5.7.0 @microsoft/jest-sarif@1.0.0-beta.0 \
    yaml-language-server@1.19.2 vscode-languageserver-textdocument@1.0.16 \
    mermaid@11.17.2 jsdom@26.1.0 @mermaid-js/mermaid-cli@11.17.0 puppeteer@24.43.1)
fi

cargo_fuzz=0.13.1
if [ "$("$tools/bin/cargo-fuzz" --version 2>/dev/null)" != "cargo-fuzz $cargo_fuzz" ]; then
  cargo install --quiet --locked --root "$tools" cargo-fuzz --version "$cargo_fuzz"
fi

# Debian packages: the browser mermaid-cli drives (tests/mermaid/puppeteer.json points at
# it), and Neovim, the editor tests/it/lsp/neovim.rs drives argolint's language server from.
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v nvim >/dev/null || packages+=(neovim)
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
fi
# The Multitool's own install script only marks its binary executable; do that here.
chmod u+x "$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
echo "test tools ready in $tools"
