"""Check that the training environment matches ``requirements.lock`` (and Frog's version).

Run at the start of ``run.sh`` and ``finetune.sh``. Different package versions give different
weights (Faker's name lists, spaCy/thinc initialisation, numpy's random streams), so the recipe
stops with a clear message on a mismatch. ``WIRENLP_TRAIN_ANY_VERSIONS=1`` turns the errors
into warnings (the result is then not the shipped model). ``--frog`` also checks the Debian
``frog`` and ``frogdata`` versions that made the silver labels.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

LOCK = Path(__file__).resolve().parent / "requirements.lock"
FROG_DEBIAN = {"frog": "0.20-2+b3", "frogdata": "0.18-2"}
OVERRIDE = "WIRENLP_TRAIN_ANY_VERSIONS"


def locked() -> dict[str, str]:
    """``name -> version`` from ``requirements.lock`` (``name==version`` lines)."""
    out = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, ver = line.split("==", 1)
            out[name.strip().lower()] = ver.strip()
    return out


def problems(check_frog: bool) -> list[str]:
    """Human-readable mismatches between this environment and the lock."""
    out = []
    for name, want in locked().items():
        try:
            have = version(name)
        except PackageNotFoundError:
            out.append(f"{name}=={want} is not installed")
            continue
        if have != want:
            out.append(f"{name} is {have}, the recipe is pinned to {want}")
    if check_frog:
        for pkg, want in FROG_DEBIAN.items():
            try:
                have = subprocess.run(
                    ["dpkg-query", "-W", "-f=${Version}", pkg],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.strip()
            except (OSError, subprocess.CalledProcessError):
                have = ""
            if have != want:
                got = have or "not installed"
                out.append(f"Debian package {pkg} is {got}, the silver labels need {want}")
    return out


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--frog", action="store_true", help="also check Debian frog/frogdata")
    args = ap.parse_args()
    found = problems(args.frog)
    if not found:
        print(f"environment matches {LOCK.name}" + (" and Frog" if args.frog else ""))
        return
    for p in found:
        print(f"check_env: {p}", file=sys.stderr)
    if os.environ.get(OVERRIDE) == "1":
        print(f"check_env: {OVERRIDE}=1, going on; the weights will differ", file=sys.stderr)
        return
    print(
        f"check_env: install the pinned versions (pip install -r training/{LOCK.name}) "
        f"or set {OVERRIDE}=1 to train anyway",
        file=sys.stderr,
    )
    sys.exit(1)


if __name__ == "__main__":
    main()
