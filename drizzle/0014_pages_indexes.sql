-- Issue 9 (public pages at 50,000 commitments): the home page's next and overdue deadlines and its
-- "open without a target date" count read live top-level commitments that are not final, in target
-- order (target date, position, id). With (live, parent_id, target_date, position, id, status) both
-- lists are index walks in the order shown that stop at their LIMIT, and the counts are read from
-- the index alone.
CREATE INDEX `commitments_open_target_idx` ON `commitments` (`live`,`parent_id`,`target_date`,`position`,`id`,`status`);
