-- Issue 9, the as-of view and /compare (docs/decisions/010-reads-in-sql.md "The as-of view by a
-- covering history index"): each live row's status, progress, target move and last assessment as
-- of a day are seeks on one commitment's updates in (happened_on, id) order. With the old index
-- (commitment_id, happened_on) each seek sorted the day's updates by id and read the table row; this
-- index holds id (the order's tie-break) and the columns
-- those seeks read, so they never leave it. Its first two columns are the old index's, which it
-- replaces.
CREATE INDEX `status_updates_history_idx` ON `status_updates` (`commitment_id`,`happened_on`,`id`,`status_to`,`progress_to`,`target_date_from`,`target_date_to`);--> statement-breakpoint
DROP INDEX `status_updates_commitment_idx`;
