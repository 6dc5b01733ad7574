-- OneMap schema 9: what a renovation delivered (改造成效), the figures the national statistical
-- survey (全国城镇老旧小区改造统计调查, block 改造效果情况) adds up level by level: pipelines
-- renewed (km, water/power/gas/heat/telecom together, as the survey counts them), lifts added
-- (部), parking spaces and EV chargers added (个), and community service facilities added
-- (个): elderly care (养老), childcare (托育), and the others (助餐, 便民 …).  Blank means not
-- reported, never zero.  Plain columns of portable types, so a server applies the same lines.
ALTER TABLE estates ADD COLUMN pipelines_km REAL;
ALTER TABLE estates ADD COLUMN lifts_added INTEGER;
ALTER TABLE estates ADD COLUMN parking_added INTEGER;
ALTER TABLE estates ADD COLUMN chargers_added INTEGER;
ALTER TABLE estates ADD COLUMN elderly_facilities_added INTEGER;
ALTER TABLE estates ADD COLUMN childcare_facilities_added INTEGER;
ALTER TABLE estates ADD COLUMN service_facilities_added INTEGER;

-- Survey photos live in the file, not beside it: a copied or mailed inventory keeps them.
-- An estate's photos (the photos table) gain the picture itself (JPEG or PNG bytes; `path` keeps
-- the name the surveyor chose) and, for a check-up photo, the finding it documents.
ALTER TABLE photos ADD COLUMN picture BLOB;
ALTER TABLE photos ADD COLUMN finding_fid INTEGER;
CREATE INDEX photos_finding ON photos(finding_fid);
