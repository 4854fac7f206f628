-- A viewer's row is rewritten by nearly every event of theirs (stays, sums) and no indexed column changes: room left on
-- each page lets those updates stay on the page (HOT), so they add no index entry and need no vacuum to clean up.
ALTER TABLE session_viewer SET (fillfactor = 80);
