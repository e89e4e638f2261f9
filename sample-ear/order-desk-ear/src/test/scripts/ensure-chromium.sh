#!/bin/sh
# The console's browser test (ConsoleIT) drives Debian's chromium through its chromedriver. A fresh machine does
# not have them: install them when the build runs as root on Debian (as CI does); otherwise say what is missing,
# and ConsoleIT fails with the same advice.
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium and chromium-driver for the console's browser test"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver \
    || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; }
else
  echo "WARNING: /usr/bin/chromium or /usr/bin/chromedriver is missing and this build cannot install them;"
  echo "         ConsoleIT will fail. Install Debian's chromium and chromium-driver, or point -Dwharf.chromium"
  echo "         and -Dwharf.chromedriver at a Chromium and its matching chromedriver."
fi
exit 0
