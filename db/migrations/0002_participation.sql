-- OneMap schema 2: service facilities, resident issues, photos, and the ledger's
-- original wording of the built year and the estate's former name.

ALTER TABLE estates ADD COLUMN former_name TEXT;
ALTER TABLE estates ADD COLUMN built_year_text TEXT;

CREATE TABLE facilities (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  estate_code TEXT REFERENCES estates(code) ON UPDATE CASCADE ON DELETE SET NULL,
  geom POINT
);

CREATE TABLE issues (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  problem TEXT NOT NULL,
  channel TEXT,
  reported_on DATE,
  responsible TEXT,
  due_on DATE,
  state TEXT
);
CREATE INDEX issues_code ON issues(estate_code);

CREATE TABLE photos (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  caption TEXT,
  taken_on DATE,
  path TEXT
);
CREATE INDEX photos_code ON photos(estate_code);
