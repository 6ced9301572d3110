-- The flow_signals triggers fire inside whatever statement inserts events or segment transitions,
-- and PL/pgSQL keeps each statement's plan for the session. The tracking worker's fast path runs
-- with enable_seqscan off (SET LOCAL), a trigger first planned there kept a plan costed at 10^10 for
-- its small scan of flows, so every later tracking batch on that connection JIT-compiled it (about a
-- second of a core under load): the tail of the entry lag. Planned with the default scan settings and
-- never JIT-compiled, each run costs well under a millisecond.
ALTER FUNCTION flow_signals_from_events() SET enable_seqscan = on;
ALTER FUNCTION flow_signals_from_events() SET jit = off;
ALTER FUNCTION flow_signals_from_segment_entries() SET enable_seqscan = on;
ALTER FUNCTION flow_signals_from_segment_entries() SET jit = off;
