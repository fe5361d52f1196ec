-- Every version of one contact (? is its id), oldest first: when each was valid (valid_to NULL: the current
-- one; a valid_to with no later version: deleted then), what it said, and the run that saw it.
SELECT h.valid_from,
       h.valid_to,
       h.name,
       h.channel,
       h.notes,
       h.company_id,
       h.run_id
FROM contacts_history h
WHERE h.id = ?
ORDER BY h.valid_from;
