-- OneMap schema 5: the live watch.  Sensors are first-class like cameras; alerts live in
-- the inventory with their handling cycle (new -> dispatched -> accepted -> handled ->
-- closed, or false_alarm), each step in alert_steps, pictures beside them.
-- Levels follow GB/T 28181 AlarmPriority: 1 is the most severe, 4 the least.
-- Times are GeoPackage DATETIMEs (UTC, 'YYYY-MM-DDTHH:MM:SS.SSSZ'), so text order is time order.

CREATE TABLE sensors (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  device_id TEXT,
  imei TEXT,
  kind TEXT,
  name TEXT,
  low_lel REAL,
  high_lel REAL,
  status TEXT,
  geom POINT
);
CREATE INDEX sensors_code ON sensors(estate_code);
CREATE INDEX sensors_device_id ON sensors(device_id);
CREATE INDEX sensors_imei ON sensors(imei);
-- alerts find their camera by its GB/T 28181 ID
CREATE INDEX cameras_gb_id ON cameras(gb_id);

CREATE TABLE alerts (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  device_kind TEXT NOT NULL CHECK (device_kind IN ('camera', 'sensor')),
  device_fid INTEGER,
  device TEXT NOT NULL,
  type TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  value REAL,
  first_time DATETIME NOT NULL,
  last_time DATETIME NOT NULL,
  cleared_time DATETIME,
  count INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'new',
  source TEXT,
  first_raw BLOB,
  last_raw BLOB,
  geom POINT
);
CREATE INDEX alerts_code ON alerts(estate_code);
CREATE INDEX alerts_last_time ON alerts(last_time);
CREATE INDEX alerts_device ON alerts(device_kind, device_fid, type, last_time);

CREATE TABLE alert_pictures (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id INTEGER NOT NULL REFERENCES alerts(fid) ON DELETE CASCADE,
  taken_at DATETIME NOT NULL,
  picture BLOB NOT NULL
);
CREATE INDEX alert_pictures_alert ON alert_pictures(alert_id);

CREATE TABLE alert_steps (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id INTEGER NOT NULL REFERENCES alerts(fid) ON DELETE CASCADE,
  from_status TEXT,
  to_status TEXT NOT NULL,
  who TEXT NOT NULL,
  at DATETIME NOT NULL,
  note TEXT
);
CREATE INDEX alert_steps_alert ON alert_steps(alert_id);
