"""``python -m onemap`` and the desktop bundle's entry point: the same as the ``onemap`` command."""

from onemap.cli import main

raise SystemExit(main())
