-- Live contacts and their total lifetime value per tier, from contacts_wide: cf_tier (a select field, so text)
-- and cf_lifetime_value (a number field). On SQLite a number field's column holds the number exactly as its text
-- (SQLite's NUMERIC would make a fraction a double); CAST(... AS NUMERIC) reads it as a number, so whole numbers
-- add up as integers.
SELECT COALESCE(w.cf_tier, '(none)')                         AS tier,
       COUNT(*)                                              AS contacts,
       COALESCE(SUM(CAST(w.cf_lifetime_value AS NUMERIC)), 0) AS lifetime_value
FROM contacts_wide w
WHERE w.deleted_at IS NULL
GROUP BY COALESCE(w.cf_tier, '(none)')
ORDER BY lifetime_value DESC, tier;
