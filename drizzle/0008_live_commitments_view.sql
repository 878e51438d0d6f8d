-- One definition of "live" for every read (issue 8, defect 7): a commitment is live when it is not
-- deleted, its agreement is not deleted, and every commitment above it (parent, grandparent, …) is
-- live. Built top-down from live top-level commitments, so a milestone of a deleted commitment is
-- gone with it (and comes back when it is restored). Rows of a cycle are never reached from a
-- top-level row, so they are never live and UNION ALL cannot loop.
CREATE VIEW `live_commitments` AS
WITH RECURSIVE live(id) AS (
  SELECT c.id FROM commitments c JOIN agreements a ON a.id = c.agreement_id
  WHERE c.parent_id IS NULL AND c.deleted_at IS NULL AND a.deleted_at IS NULL
  UNION ALL
  SELECT c.id FROM commitments c JOIN live ON c.parent_id = live.id
  WHERE c.deleted_at IS NULL
)
SELECT id FROM live;
