-- Masks that cannot be reassembled (DEVELOPERS.md, "Personal data"): a resident ID shows its
-- first three digits only, another document its first character (none when shorter than 8), a
-- phone its first three and at most its last two digits, at least six hidden. Every character
-- the new masks show was shown by the old ones (first three, last four), so they are derived from
-- the stored masks here, without the keys. Applying this again changes nothing.
UPDATE person SET id_number_mask = CASE
        WHEN id_type = 'RESIDENT_ID' THEN left(id_number_mask, 3) || repeat('*', length(id_number_mask) - 3)
        WHEN length(id_number_mask) >= 8 THEN left(id_number_mask, 1) || repeat('*', length(id_number_mask) - 1)
        ELSE repeat('*', length(id_number_mask)) END
WHERE id_number_mask IS NOT NULL;

UPDATE person SET phone_mask = CASE
        WHEN length(phone_mask) >= 10 THEN left(phone_mask, 3) || repeat('*', length(phone_mask) - 3 - least(2, length(phone_mask) - 9))
            || right(phone_mask, least(2, length(phone_mask) - 9))
        ELSE repeat('*', length(phone_mask)) END
WHERE phone_mask IS NOT NULL;
