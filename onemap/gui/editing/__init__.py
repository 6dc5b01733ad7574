"""Editing in the viewer: session.py (the edit lock, history and Edit menu), the estate form and
its fields, drag-to-move, outline editing, child tables and undo/redo actions.  Every change is
an :mod:`onemap.edit` command over the store.
"""
