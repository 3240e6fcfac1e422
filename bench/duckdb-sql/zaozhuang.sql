-- The Zaozhuang policy (examples/zaozhuang-shizhong-2019.policy) under PolicyLang's standard model
-- (src/PolicyLang.Semantics/Prelude/standard-model.policy, design/data.md), written by hand in DuckDB SQL: the
-- totals `policyc simulate examples/zaozhuang-shizhong-2019.policy --scenario cap_120` prints, for the baseline and
-- cap_120, over the tables schools and cohorts of a district database. bench/simulation.sh runs it through
-- bench/duckdb-sql/run.c and checks it against policyc's JSON totals. One statement (run.c prints its result).
--
-- The model, for the Zaozhuang policy:
--   in scope       stage is primary or nine_year (English or Chinese name)
--   fee_cap        100 CNY per student per month (cap_120: 120) for a school in scope; none otherwise
--   charged_fee    min(fee_per_month, fee_cap); fee_per_month when there is no cap
--   participants'  participants; in cap_120 (elasticity -0.3), when both charged fees are above zero,
--                  min(students, round(participants * (charged / baseline charged)^-0.3)), half away from zero
--   waived_in_data the participants of the school's registered_poverty cohorts (waived in full), in scope only
--   waived         waived_in_data * participants' / participants (0 when participants is 0)
--   family         (participants' - waived) * charged_fee * 10 school months, rounded to 10 decimal places
--   subsidy        0 (the policy has none)
--   revenue        family + subsidy
--   staff_pool     80% of revenue in scope, all of it otherwise
--   noncompliant   in scope and (fee_per_month above the cap, or dismissal before 15:30)
--   totals         sums over schools; money rounded to the fen, half away from zero
--
-- policyc computes money in decimal; so does this, in scaled integers (HUGEINT): family in units of 1e-10 CNY,
-- exactly what policyc rounds each school's value to, and the staff pool in units of 1e-11 CNY. The one
-- floating-point step is the elasticity's power, which policyc also takes in double (Ops.Pow).
WITH scenario(scenario, position, cap, elasticity) AS (
    VALUES ('baseline', 0, 100, 0.0), ('cap_120', 1, 120, -0.3)
),
waived AS (
    SELECT school_id, sum(participants) AS w
    FROM cohorts
    WHERE category IN ('registered_poverty', '建档立卡')
    GROUP BY school_id
),
school AS (
    SELECT s.students,
           s.participants AS p,
           CAST(s.fee_per_month AS DECIMAL(18, 4)) AS fee,
           s.stage IN ('primary', '小学', 'nine_year', '九年一贯制') AS in_scope,
           CAST(s.dismissal AS TIME) < TIME '15:30' AS early,
           coalesce(w.w, 0) AS w
    FROM schools s LEFT JOIN waived w USING (school_id)
),
charged AS (
    SELECT sc.scenario, sc.position, sc.cap, sc.elasticity, school.*,
           CASE WHEN in_scope THEN least(fee, sc.cap) ELSE fee END AS charged,
           CASE WHEN in_scope THEN least(fee, 100) ELSE fee END AS baseline_charged,
           CASE WHEN in_scope THEN w ELSE 0 END AS waived_in_data
    FROM school CROSS JOIN scenario sc
),
participation AS (
    SELECT *,
           CAST(CASE WHEN elasticity = 0 OR charged <= 0 OR baseline_charged <= 0 THEN p
                     ELSE least(students, round(p * pow(CAST(charged AS DOUBLE) / CAST(baseline_charged AS DOUBLE), elasticity)))
                END AS BIGINT) AS p1,
           CAST(charged * 10000 AS HUGEINT) AS charged_4
    FROM charged
),
money AS (
    -- family * 1e10 = (p1 - w * p1 / p) * charged * 10 * 1e10 = p1 * (p - w) * charged_4 * 1e7 / p, rounded half away from zero
    SELECT *,
           CASE WHEN p = 0 THEN CAST(0 AS HUGEINT)
                ELSE sign(x) * ((2 * abs(x) + p) // (2 * p))
           END AS family_10
    FROM (SELECT *, CAST(p1 AS HUGEINT) * (p - waived_in_data) * charged_4 * 10000000 AS x FROM participation)
),
totals AS (
    SELECT scenario, position,
           sum(p1) AS participants,
           sum(family_10) AS family_10,
           sum(CASE WHEN in_scope THEN 8 ELSE 10 END * family_10) AS staff_11,
           count(*) FILTER (WHERE in_scope AND (fee > cap OR early)) AS noncompliant_schools
    FROM money
    GROUP BY scenario, position
)
SELECT scenario,
       participants,
       sign(family_10) * ((2 * abs(family_10) + 100000000) // 200000000) * 0.01 AS family_payments,
       0 AS subsidy_cost,
       sign(family_10) * ((2 * abs(family_10) + 100000000) // 200000000) * 0.01 AS school_revenue,
       sign(staff_11) * ((2 * abs(staff_11) + 1000000000) // 2000000000) * 0.01 AS staff_pool,
       noncompliant_schools
FROM totals
ORDER BY position
