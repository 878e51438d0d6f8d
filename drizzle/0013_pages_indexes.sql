-- Issue 9 (public pages at 50,000 commitments).
-- commitments_open_target_idx: the home page's next and overdue deadlines and its "open without a
-- target date" count read live top-level commitments that are not final, in target order (target
-- date, position, id). With (live, parent_id, target_date, position, id, status) both lists are
-- index walks in the order shown that stop at their LIMIT, and the counts are read from the index.
-- commitments_live_id_idx: (live, rowid), the live rows in id order, so each chunk of a sitemap
-- part is a range of ids (`live = 1 AND id > ?`) instead of a sort of every live row.
CREATE INDEX `commitments_open_target_idx` ON `commitments` (`live`,`parent_id`,`target_date`,`position`,`id`,`status`);--> statement-breakpoint
CREATE INDEX `commitments_live_id_idx` ON `commitments` (`live`);
