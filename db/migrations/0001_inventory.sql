-- The inventory: estates and what hangs off them (OneMap schema 1).

CREATE TABLE estates (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  township TEXT,
  community TEXT,
  address TEXT,
  kind TEXT,
  built_year INTEGER,
  buildings INTEGER,
  households INTEGER,
  floor_area_m2 REAL,
  property_type TEXT,
  management TEXT,
  renewal_year INTEGER,
  categories TEXT,
  status TEXT,
  progress_pct REAL,
  start_date DATE,
  finish_date DATE,
  investment_wan REAL,
  coord_source TEXT,
  notes TEXT,
  updated_at DATETIME,
  geom POINT
);
CREATE INDEX estates_township ON estates(township);
CREATE INDEX estates_status ON estates(status);
CREATE INDEX estates_renewal_year ON estates(renewal_year);

CREATE TABLE estate_areas (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  geom MULTIPOLYGON
);
CREATE INDEX estate_areas_code ON estate_areas(estate_code);

CREATE TABLE buildings (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  name TEXT,
  floors INTEGER,
  height_m REAL,
  geom MULTIPOLYGON
);
CREATE INDEX buildings_code ON buildings(estate_code);

CREATE TABLE cameras (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  name TEXT,
  kind TEXT,
  link TEXT,
  gb_id TEXT,
  channel INTEGER,
  geom POINT
);
CREATE INDEX cameras_code ON cameras(estate_code);

CREATE TABLE admin_areas (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  geom MULTIPOLYGON
);

CREATE TABLE contacts (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  role TEXT NOT NULL,
  name TEXT,
  title TEXT,
  phone TEXT
);
CREATE INDEX contacts_code ON contacts(estate_code);

CREATE TABLE funding (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  source TEXT NOT NULL,
  amount_wan REAL
);
CREATE INDEX funding_code ON funding(estate_code);

CREATE TABLE renovation_items (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  category TEXT NOT NULL,
  item TEXT NOT NULL
);
CREATE INDEX renovation_items_code ON renovation_items(estate_code);

CREATE TABLE audit_log (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  at DATETIME NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_key TEXT,
  field TEXT,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX audit_log_key ON audit_log(table_name, row_key);
