-- OneMap schema 6: every dispatch send with its result.  One row per alert and escalation
-- step in a send (a robot message that merged three alerts is three rows with merged = 3);
-- recipients are masked as printouts mask them (138****5678, a***@gas.cn), never whole.
-- No secret is ever written here: the provider's answer code and request id, and an error
-- text that names what failed (never a key, a token or a password).
-- Times are GeoPackage DATETIMEs (UTC), so text order is time order.

CREATE TABLE dispatch_sends (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id INTEGER NOT NULL REFERENCES alerts(fid) ON DELETE CASCADE,
  step INTEGER NOT NULL CHECK (step >= 0),
  roles TEXT,
  channel TEXT NOT NULL,
  kind TEXT,
  recipients TEXT,
  attempt INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
  at DATETIME NOT NULL,
  result TEXT NOT NULL,
  merged INTEGER NOT NULL DEFAULT 1,
  code TEXT,
  provider_id TEXT,
  out_id TEXT,
  retry_at DATETIME,
  detail TEXT
);
CREATE INDEX dispatch_sends_alert ON dispatch_sends(alert_id, step);
CREATE INDEX dispatch_sends_out_id ON dispatch_sends(out_id);
