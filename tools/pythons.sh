#!/usr/bin/env bash
# Prints one interpreter path per Python >= 3.10 found on this machine: on the PATH
# (python3.10 ... python3.14) or under pyenv, newest patch release first.
set -euo pipefail
root="${PYENV_ROOT:-$(command -v pyenv >/dev/null && pyenv root || echo "$HOME/.pyenv")}"
for minor in 10 11 12 13 14; do
    found=""
    if python3.$minor -c "" >/dev/null 2>&1; then
        found="$(python3.$minor -c 'import sys; print(sys.executable)')"
    else
        for dir in $(ls -d "$root"/versions/3.$minor.* 2>/dev/null | sort -rV); do
            if "$dir/bin/python3.$minor" -c "" >/dev/null 2>&1; then
                found="$dir/bin/python3.$minor"
                break
            fi
        done
    fi
    if [ -n "$found" ]; then
        echo "$found"
    fi
done
