"""``python -m onemap`` and the desktop bundle's entry point: the same as the ``onemap`` command."""

import multiprocessing

from onemap.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the bundle's spawned workers (big demos' R-trees) start here
    raise SystemExit(main())
