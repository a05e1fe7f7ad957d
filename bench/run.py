"""Entry point of `make bench`: ``python -m bench.run`` (BENCH_QUICK=1 for small sizes)."""

import os
import sys

from bench.harness import Bench


def main() -> int:
    return Bench(quick=os.environ.get("BENCH_QUICK") == "1").run()


if __name__ == "__main__":
    sys.exit(main())
