-- Live contacts per tag, most used tags first. Soft-deleted contacts (deleted_at set) are left out.
SELECT t.tag_name AS tag,
       COUNT(*)   AS contacts
FROM contact_tags t
JOIN contacts c ON c.id = t.contact_id
WHERE c.deleted_at IS NULL
GROUP BY t.tag_name
ORDER BY contacts DESC, tag;
