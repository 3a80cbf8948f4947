"""Build ``src/wirenlp/data/dutch_words.txt.gz``: common lower-case Dutch words.

Source: the OpenTaal word list (BSD or CC BY 3.0, at the user's choice), as Debian's package
``wdutch`` installs it at ``/usr/share/dict/dutch`` (``apt-get install wdutch``). Kept: words
written all in lower case (so no proper names), letters with an apostrophe or hyphen only, of
at most 12 characters — enough to tell a capitalised sentence-initial common word ("Bos",
"Bakker") from a name. Used by page-level consistency (``wirenlp.linking.consistency``).
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "wirenlp" / "data"
WORD = re.compile(r"[a-zà-ÿ][a-zà-ÿ'-]*")
MAX_LEN = 12


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", default="/usr/share/dict/dutch")
    parser.add_argument("--copyright", default="/usr/share/doc/wdutch/copyright")
    args = parser.parse_args()
    source = Path(args.source)
    if not source.exists():
        raise SystemExit(f"{source} not found: apt-get install wdutch")
    words = sorted(
        {
            w
            for line in source.read_text(encoding="utf-8").splitlines()
            if (w := line.strip()) and len(w) <= MAX_LEN and WORD.fullmatch(w)
        }
    )
    out = DATA / "dutch_words.txt.gz"
    # mtime=0: the same input gives the same bytes
    out.write_bytes(gzip.compress("\n".join(words).encode("utf-8"), 9, mtime=0))
    shutil.copyfile(args.copyright, DATA / "OPENTAAL-LICENSE.txt")
    print(f"{out}: {len(words)} words, {out.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
