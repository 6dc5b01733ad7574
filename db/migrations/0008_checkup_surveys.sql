-- OneMap schema 8: the city check-up (城市体检) survey and what choosing next year's list needs.
-- One finding per row: an indicator (code + the wording version it was surveyed under, so a
-- later year's wording never rewrites this year's), for one building (building_fid) or for the
-- whole estate (building_fid NULL); optionally the pick-list problem ticked, a value (a gap in
-- places, a length in km), a photo path, who surveyed it and when.
-- renewal_readiness holds, per estate, the residents' consent (owners' and area share, %) and
-- whether it is slated for demolition: the eligibility gates of the scoring; district_members
-- the 片区 each estate belongs to.

CREATE TABLE checkup_findings (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  building_fid INTEGER REFERENCES buildings(fid) ON DELETE CASCADE,
  indicator TEXT NOT NULL,
  version TEXT NOT NULL,
  problem TEXT,
  value REAL,
  note TEXT,
  photo TEXT,
  surveyor TEXT,
  surveyed_on DATE
);
CREATE INDEX checkup_findings_code ON checkup_findings(estate_code);
CREATE INDEX checkup_findings_indicator ON checkup_findings(indicator, version);

CREATE TABLE renewal_readiness (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL UNIQUE REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  owners_consent_pct REAL CHECK (owners_consent_pct BETWEEN 0 AND 100),
  area_consent_pct REAL CHECK (area_consent_pct BETWEEN 0 AND 100),
  consent_on DATE,
  demolition INTEGER NOT NULL DEFAULT 0 CHECK (demolition IN (0, 1)),
  note TEXT
);

-- 片区 (组团连片): which estates a bureau grouped together (proposed by `onemap districts`,
-- then edited); one 片区 per estate at most.
CREATE TABLE district_members (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  estate_code TEXT NOT NULL UNIQUE REFERENCES estates(code) ON UPDATE CASCADE ON DELETE CASCADE,
  district TEXT NOT NULL
);
CREATE INDEX district_members_district ON district_members(district);
