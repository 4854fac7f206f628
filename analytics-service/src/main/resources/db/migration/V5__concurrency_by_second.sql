-- The concurrency sweep of each second: its points (SweepPoints: per instant, microseconds into the second and how many
-- views start and end there) and their sweep (as minute_rollup's conc_* columns: net change, change at the second's
-- first instant, highest running net within it and when first reached, latest instant). A minute's state is composed
-- from its seconds, so a change inside a minute (a batch of the other lane, a late event, a rejoin moving a leave)
-- sweeps again only the seconds it touches, from their rows, never from the views. Written only by the transaction
-- holding the minute's minute_rollup row. Rows up to 8 kB stay in the page uncompressed (a busy second has a few
-- hundred points).
CREATE TABLE second_sweep (
    session_id     uuid        NOT NULL,
    second         timestamptz NOT NULL,
    points         bytea       NOT NULL,
    conc_net       integer     NOT NULL,
    conc_at_start  integer     NOT NULL,
    peak_local     integer,
    peak_local_at  timestamptz,
    conc_last_at   timestamptz,
    PRIMARY KEY (session_id, second)
) WITH (fillfactor = 80, toast_tuple_target = 8160);

-- The seconds of the views stored so far, swept as ConcurrencySweep does: [start, end) views that overlap the live
-- interval, +1 at the clipped start, -1 at the clipped end.
INSERT INTO second_sweep (session_id, second, points, conc_net, conc_at_start, peak_local, peak_local_at, conc_last_at)
WITH points AS (
    SELECT session_id, at, sum(plus)::int AS plus, sum(minus)::int AS minus
    FROM (SELECT session_id, start_at AS at, 1 AS plus, 0 AS minus FROM session_view
          WHERE end_at IS NULL OR end_at > start_at
          UNION ALL
          SELECT session_id, end_at, 0, 1 FROM session_view WHERE end_at > start_at) p
    GROUP BY session_id, at),
running AS (
    SELECT session_id, at, plus, minus,
           date_trunc('second', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS second,
           sum(plus - minus) OVER (PARTITION BY session_id, date_trunc('second', at AT TIME ZONE 'UTC')
                                   ORDER BY at) AS running
    FROM points)
SELECT session_id, second,
       string_agg(int4send((extract(epoch FROM at - second) * 1000000)::int) || int4send(plus) || int4send(minus),
                  ''::bytea ORDER BY at),
       sum(plus - minus), coalesce(sum(plus - minus) FILTER (WHERE at = second), 0), max(running),
       (array_agg(at ORDER BY running DESC, at))[1], max(at)
FROM running
GROUP BY session_id, second;
