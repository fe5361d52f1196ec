-- Contacts per tag as they were at one instant (both ? are that UTC timestamp), from the history tables: the
-- version of each contact valid then, and the tags that version had. Contacts deleted by then are not counted.
SELECT t.tag_name AS tag,
       COUNT(*)   AS contacts
FROM contacts_history h
JOIN contact_tags_history t ON t.contact_id = h.id AND t.valid_from = h.valid_from
WHERE h.valid_from <= ?
  AND (h.valid_to IS NULL OR h.valid_to > ?)
GROUP BY t.tag_name
ORDER BY contacts DESC, tag;
