"""The viewer's dialogs: import (with its report view and choices), export, brief (with its
PDF preview) and settings.  Each takes the inventory's path and the window's ``--where`` filter
and runs its core work in a :class:`onemap.gui.workers.Job`.
"""
