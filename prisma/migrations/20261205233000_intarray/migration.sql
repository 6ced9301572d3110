-- intarray (a contrib extension shipped with PostgreSQL): sorted int[] sets with C-speed intersection,
-- union and difference, used by the segment preview to count a rule from its conditions' customer sets
-- (docs/decisions/058). In a schema of its own, so that its operators never replace the built-in int[]
-- operators (@>, &&, …) for queries that do not name them: callers write OPERATOR(intarray.&).
CREATE SCHEMA IF NOT EXISTS intarray;
CREATE EXTENSION IF NOT EXISTS intarray SCHEMA intarray;
