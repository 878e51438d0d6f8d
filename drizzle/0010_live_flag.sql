-- The live flag (issue 9, docs/decisions/010-reads-in-sql.md): `commitments.live` holds, for every
-- row, the answer of the one definition of live (issue 8, drizzle/0008): not deleted, agreement not
-- deleted, every commitment above it live. Triggers keep it in the same transaction as each write,
-- top-down over the subtree that a write can change, so reads test one indexed column instead of
-- walking the whole tree; `live_commitments` becomes a view of that column. Rows of a cycle are never
-- reached from a live row, so they stay 0, as before.
DROP VIEW `live_commitments`;
--> statement-breakpoint
-- Backfill existing databases with the recursive definition of 0008.
UPDATE `commitments` SET `live` = CASE WHEN `id` IN (
  WITH RECURSIVE live(id) AS (
    SELECT c.id FROM commitments c JOIN agreements a ON a.id = c.agreement_id
    WHERE c.parent_id IS NULL AND c.deleted_at IS NULL AND a.deleted_at IS NULL
    UNION ALL
    SELECT c.id FROM commitments c JOIN live ON c.parent_id = live.id
    WHERE c.deleted_at IS NULL
  )
  SELECT id FROM live
) THEN 1 ELSE 0 END;
--> statement-breakpoint
CREATE VIEW `live_commitments` AS SELECT `id` FROM `commitments` WHERE `live` = 1;
--> statement-breakpoint
-- A new row: live when it is not deleted, its agreement is not, and its parent (if any) is live.
CREATE TRIGGER `commitments_live_insert` AFTER INSERT ON `commitments`
BEGIN
  UPDATE commitments SET live = (
    NEW.deleted_at IS NULL
    AND EXISTS (SELECT 1 FROM agreements a WHERE a.id = NEW.agreement_id AND a.deleted_at IS NULL)
    AND (NEW.parent_id IS NULL OR EXISTS (SELECT 1 FROM commitments p WHERE p.id = NEW.parent_id AND p.live = 1))
  ) WHERE id = NEW.id;
END;
--> statement-breakpoint
-- Deleted, restored or moved: the row and everything under it, cleared, then set again top-down
-- from the row (its parent's flag is current).
CREATE TRIGGER `commitments_live_update` AFTER UPDATE OF deleted_at, parent_id, agreement_id ON `commitments`
BEGIN
  UPDATE commitments SET live = 0 WHERE id IN (
    WITH RECURSIVE sub(id) AS (
      SELECT NEW.id UNION SELECT c.id FROM commitments c JOIN sub ON c.parent_id = sub.id
    )
    SELECT id FROM sub
  );
  UPDATE commitments SET live = 1 WHERE id IN (
    WITH RECURSIVE l(id) AS (
      SELECT c.id FROM commitments c JOIN agreements a ON a.id = c.agreement_id
      WHERE c.id = NEW.id AND c.deleted_at IS NULL AND a.deleted_at IS NULL
        AND (c.parent_id IS NULL OR EXISTS (SELECT 1 FROM commitments p WHERE p.id = c.parent_id AND p.live = 1))
      UNION
      SELECT c.id FROM commitments c JOIN l ON c.parent_id = l.id WHERE c.deleted_at IS NULL
    )
    SELECT id FROM l
  );
END;
--> statement-breakpoint
-- An agreement deleted or restored: its commitments, cleared, then set again from its top-level rows.
CREATE TRIGGER `agreements_live_update` AFTER UPDATE OF deleted_at ON `agreements`
BEGIN
  UPDATE commitments SET live = 0 WHERE agreement_id = NEW.id;
  UPDATE commitments SET live = 1 WHERE id IN (
    WITH RECURSIVE l(id) AS (
      SELECT c.id FROM commitments c
      WHERE c.agreement_id = NEW.id AND NEW.deleted_at IS NULL AND c.parent_id IS NULL AND c.deleted_at IS NULL
      UNION
      SELECT c.id FROM commitments c JOIN l ON c.parent_id = l.id WHERE c.deleted_at IS NULL
    )
    SELECT id FROM l
  );
END;
