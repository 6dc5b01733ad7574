-- OneMap schema 7: service facilities for living-circle coverage.  `kind` holds the stable type
-- key of db/facility_types.toml (GB 50180 / complete-community checklist: kindergarten, nursery,
-- clinic, elderly_care ... or `other`); `kind_text` keeps the source sheet's own wording, so an
-- import never loses what a row said.  A facility may belong to an estate (estate_code) or
-- stand alone (a school, a bus stop) with its township.
ALTER TABLE facilities ADD COLUMN kind_text TEXT;
ALTER TABLE facilities ADD COLUMN township TEXT;
ALTER TABLE facilities ADD COLUMN address TEXT;
ALTER TABLE facilities ADD COLUMN capacity REAL;
ALTER TABLE facilities ADD COLUMN source TEXT;
ALTER TABLE facilities ADD COLUMN notes TEXT;
ALTER TABLE facilities ADD COLUMN updated_at DATETIME;
CREATE INDEX facilities_kind ON facilities(kind);
CREATE INDEX facilities_code ON facilities(estate_code);
