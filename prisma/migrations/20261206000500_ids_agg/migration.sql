-- An aggregate of ids into an int[] that parallel workers can share: each worker appends to its own
-- array, the leader concatenates them (array_agg has no combine function before PostgreSQL 16). The
-- segment preview's sets form builds each condition's customer set with it (docs/decisions/058);
-- the order inside the array does not matter (the sets are sorted afterwards).
CREATE AGGREGATE tailor_ids_agg(int4) (SFUNC = array_append, STYPE = int4[], COMBINEFUNC = array_cat, INITCOND = '{}', PARALLEL = SAFE);
