"""Live video inside OneMap: a tile per camera (:mod:`.tile`) and the video wall (:mod:`.wall`)."""
