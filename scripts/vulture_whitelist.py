"""Names vulture (scripts/test's dead-code check) must not call unused: others call them by name.

Add a name here only when something outside Python's own calls reaches it; otherwise delete the code.
"""
# ruff: noqa
# fmt: off

# Qt, pyqtgraph and ReportLab call these overrides and set these attributes
_.eventFilter
_.dragEnterEvent
_.parseMeshData
_.vertexes
_.afterFlowable
_.initialFontName
_.repeatRows
_.alignment  # openpyxl cell style
_.row_factory  # sqlite3
__getattr__  # module-level lazy attributes (PEP 562)
_.thread_type  # PyAV: a stream's decoder threading, read by FFmpeg
_.thread_count
pytest_plugins  # tests/conftest.py: pytest loads tests.video_server's fixtures by it

# scripts/screenshots_work.py picks a shot's method by its name
_.estate_form
_.import_dialog
_.export_dialog

# http.server and aiosmtpd call these by name (the loopback servers of tests/core/watch_dispatch_servers.py)
_.do_POST
_.log_message
_.daemon_threads
_.close_connection
_.handle_DATA

# pytest reads these by name
pytestmark
collect_ignore
pytest_configure
pytest_collection_modifyitems  # tests/gui and tests/gl conftest: their tests' timeout method
_private_user_folders
_onemap_look
gl_ready
back_to_chinese

# http.server calls the handler's do_* methods and reads these attributes; expat calls its handlers
_.daemon_threads
_.protocol_version
_.server_version
_.sys_version
_.disable_nagle_algorithm
_.do_GET
_.do_POST
_.do_PUT
_.log_message
_.StartDoctypeDeclHandler
_.EntityDeclHandler
_.UnparsedEntityDeclHandler
_.ExternalEntityRefHandler
_.StartElementHandler
_.EndElementHandler
_.CharacterDataHandler

# paho-mqtt calls these client callbacks by name
_.on_connect
_.on_disconnect
_.on_connect_fail
_.on_subscribe
# ReportLab reads these by name: a canvas's beginText override, the save switch, the font's data
_.beginText
_._doSave
_._ttf_data
# ReportLab reads a stream's __Comment__ when it writes the page; typeset's wrap cache is read back through getattr
_.__Comment__
_._onemap_wrap
# a pytest fixture asked for by name
slow_paths
# the sensor form's column indexes, named all together (one is not read by the tests)
DEVICE
# dataclass fields written by their constructors and read through asdict() (JSON reports, exports)
_.title_en
_.consent_on
_.not_sent
# the columns the server adds to every table, named for the schema's readers (checkin compares them)
VERSION_COLUMNS
# the renovation outputs (改造成效): estate fields read by name (getattr, asdict, the column tables)
_.chargers_added
_.elderly_facilities_added
_.childcare_facilities_added
_.service_facilities_added
# ReportLab reads a flowable's hAlign by name
_.hAlign
# a message box kept referenced while it shows; the file follower's count of full looks (diagnostics)
_.problem_box
_.full_looks
# ReportLab's ParaParser reads caseSensitive (set as Paragraph sets it)
_.caseSensitive
