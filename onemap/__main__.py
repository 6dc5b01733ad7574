"""``python -m onemap`` and the desktop bundle's entry point: the same as the ``onemap`` command."""

from onemap.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
