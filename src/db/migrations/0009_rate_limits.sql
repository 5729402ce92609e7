-- Request counters of the rate-limited endpoints (sign-in, registration, resets), kept in the database so that
-- every application process behind a load balancer counts the same attempts: a limit of 10 a minute stays 10,
-- not 10 per process. One row per route and client address; a row whose window has passed starts again at 1.
create table rate_limit_counters (
  key text primary key,
  hits integer not null check (hits > 0),
  window_ends_at timestamptz not null
);

-- Rows of windows long past are removed from time to time; this finds them without reading the others.
create index rate_limit_counters_window_idx on rate_limit_counters (window_ends_at);
