# Sourced by scripts/test.sh: Debian's Chromium (never a downloaded browser) and a CJK font for the
# end-to-end tests. Exports CHROMIUM_PATH when a browser is there; the e2e tests fail loudly without one.
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'noto sans cjk'; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Chromium and CJK fonts (Debian packages)…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
      || echo "!!! Chromium could not be installed: end-to-end tests will fail !!!"
  fi
fi
[ -x /usr/bin/chromium ] && export CHROMIUM_PATH=/usr/bin/chromium
true
