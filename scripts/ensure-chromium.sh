#!/usr/bin/env bash
# Finds a Chromium for the browser tests and prints its path on stdout (messages go to stderr).
# Order: $CHROMIUM_PATH; Debian's /usr/bin/chromium; installing Debian's `chromium` package with
# apt-get (as root, or with passwordless sudo); Playwright's own download. Exits 1 with a clear
# message when none works.
set -euo pipefail
say() { printf '%s\n' "$*" >&2; }

if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -x "$CHROMIUM_PATH" ]; then echo "$CHROMIUM_PATH"; exit 0; fi
  say "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file."; exit 1
fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
  fi
  if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
    say "Installing Chromium from Debian's packages (apt-get install chromium; about a minute)…"
    if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
      && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2; then
      if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; exit 0; fi
    fi
    say "apt-get could not install chromium; trying Playwright's own browser download."
  fi
fi

say "Downloading Playwright's Chromium (npx playwright install chromium)…"
if npx --no-install playwright install chromium >&2; then
  # Playwright finds its own download when no executable path is given.
  echo ""
  exit 0
fi

say "No Chromium found. Install Debian's 'chromium' package (apt-get install chromium), or set"
say "CHROMIUM_PATH to a Chromium or Chrome binary, then run the tests again."
exit 1
