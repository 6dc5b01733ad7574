-- OneMap schema 4: the audit trail hears every program, not only OneMap.
-- OneMap puts one row in onemap_writer for the length of each of its own write
-- transactions (never committed); the audit triggers (onemap/store/triggers.py, created
-- from the tables' columns after every migration) record a write only when the row is
-- absent, i.e. when QGIS, ArcGIS, ogr2ogr or sqlite3 made it.
CREATE TABLE onemap_writer (
  who TEXT NOT NULL,
  since DATETIME NOT NULL
);
