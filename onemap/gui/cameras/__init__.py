"""The cameras of the selected estate in the viewer, over the core's :mod:`onemap.cameras`.

panel.py (the details dock's camera list and its check), players.py (opening a camera in
VLC/ffplay off the UI thread), ids.py (how a GB/T 28181 ID reads in the list), marks.py
(check results on the map).
"""
