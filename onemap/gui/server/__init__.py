"""The viewer on a shared inventory (PostgreSQL + PostGIS): connecting, live refresh, conflicts, checkin."""
