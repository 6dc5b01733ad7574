"""The viewer's check-up and scoring: the survey form and the live re-ranking dialog."""
