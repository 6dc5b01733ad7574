-- OneMap schema 3: GeoPackage 1.2 instead of 1.4, and QGIS's layer_styles table.
-- The Python hook of this migration (onemap/store/migrations.py) replaces every R-tree's
-- triggers with the GeoPackage 1.2.1 set, stamps user_version 10200 and stores OneMap's
-- default QGIS style for each layer.  The table is the one QGIS creates through GDAL when
-- a style is saved "in the datasource database"; IF NOT EXISTS keeps one a user saved.

CREATE TABLE IF NOT EXISTS "layer_styles" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "f_table_catalog" TEXT(256),
  "f_table_schema" TEXT(256),
  "f_table_name" TEXT(256),
  "f_geometry_column" TEXT(256),
  "styleName" TEXT(30),
  "styleQML" TEXT,
  "styleSLD" TEXT,
  "useAsDefault" BOOLEAN,
  "description" TEXT,
  "owner" TEXT(30),
  "ui" TEXT(30),
  "update_time" DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
