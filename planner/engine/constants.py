"""Every [design] number of rules.md (v1.2) in one place, so a clinical lead can tune them.

Each constant names the rule that uses it. Changing a value here changes the engine's output;
bump ENGINE_VERSION when you do, and expect the acceptance cases to show the difference.
Validation ranges of the intake (rules.md section 2) live in intake.py next to their fields;
the clearance limit's (10-300, a multiple of 5) is FLOOR_GENTLE..WM_CAP in steps of ROUND_TO.
The never-do validator reads the caps from here too.
"""

import datetime as _dt

# --- scope (R-SAFE-HS1) -------------------------------------------------------------------
ADULT_AGE = 18  # age < 18 -> OUT_OF_SCOPE_MINOR
OLDER_ADULT_AGE = 65  # healthy ageing >= 65 is strength-first; advisory at >= 65 (R-SAFE-ADV)

# --- severity bands (D-2, X20): PHQ-9 / GAD-7 -----------------------------------------------
SCORE_MODERATE_FROM = 10  # < 10 mild (also < 5 with a diagnosis), 10-14 moderate
SCORE_SEVERE_FROM = 15  # >= 15 severe (PHQ-9 15-19 and 20-27 merged, D-2)

# --- targets (R-DOSE) -------------------------------------------------------------------------
TARGET_STANDARD = 150  # R-DOSE-1 (E01, X01)
TARGET_REDUCED = 90  # R-DOSE-2 (D-3)
TARGET_PHASE2 = 150  # T2, unlocked at a review (R-REV-5)
SST_STANDARD = 2  # strength sessions a week (R-DOSE table)
SST_STRENGTH_FIRST = 3  # healthy ageing >= 65, sarcopenia risk (R-MIX-2, X01 multicomponent)

# --- caps (R-CAP) -----------------------------------------------------------------------------
WM_CAP = 300  # R-CAP-1
ED_WM_CAP = 150  # R-CAP-3, R-DOSE-3, D-13
STEP_INCREASE = 10  # R-PROG-1, R-CAP-2 (D-6)
STRENGTH_CAP = 3  # R-CAP-4
ED_STRENGTH_CAP = 2  # R-CAP-3
SESSION_CEILING = 60  # minutes; T and T2 <= session length x available_days (rules 8.1, C18)
SESSION_CEILING_SHORT = 30  # gentle start, or 65+ and not a regular exerciser (rules 8.1, C23, C25)
# B above this -> HIGH_VOLUME_REVIEW (R-SAFE-HV) and MAINTAIN_CURRENT (R-MAINT-2)
HIGH_VOLUME_FROM = 300
ED_MAINTAIN_FROM = 150  # ED flag and B above this -> MAINTAIN_AT_ED_CAP (R-MAINT-3)

# --- start and progression (R-START, R-PROG) -------------------------------------------------
FLOOR_STANDARD = 30  # R-START-1 (D-5)
FLOOR_GENTLE = 10  # R-START-1 (D-5)
ROUND_TO = 5  # rd5: round down to a multiple of 5 (section 0.3)
CONSOLIDATION_EVERY = 4  # steps 4, 8, 12, ... hold WM (R-PROG-2, D-7)
MIN_PRINTED_STEPS = 12  # R-PROG-5: print steps 1 .. max(12, first step at T)
MAINTAIN_PRINTED_STEPS = 12  # MAINTAIN modes print 12 steps (rules 7.25)

# --- intensity schedule (R-INT-2): the steps at which a profile moves up one level ------------
INTENSITY_SECOND_LEVEL_FROM = 4  # steps 4-7
INTENSITY_THIRD_LEVEL_FROM = 8  # step 8 onward

# --- sessions (R-MIX-6, D-10) -------------------------------------------------------------------
SESSION_UNIT = 30  # N = ceil(WM / 30) ...
SESSIONS_MIN = 3  # ... clamped to 3 ...
SESSIONS_MAX = 5  # ... and 5
MIN_BOUT = 5  # no session shorter than 5 minutes: N <= WM // 5

# --- strength schedule (R-MIX-2, D-8) ----------------------------------------------------------
STRENGTH_BASE_ONLY_UNTIL = 2  # steps 1-2: the client's own routine only
STRENGTH_FIRST_SESSION_UNTIL = 4  # steps 3-4: at least 1 (strength-first: at least 2 in steps 1-4)
STRENGTH_FIRST_MIN = 2  # strength-first conditions: steps 1-4
STRENGTH_STANDARD_LATER = 2  # other conditions from step 5: at least min(2, SST)
STRENGTH_LADDER = ((2, "starter"), (4, "somewhat_hard"))  # k-th strength week -> stage; then "full"

# --- mind-body (R-MIX-3, R-CAP-5, D-9) ---------------------------------------------------------
MIND_BODY_ANXIETY_DEFAULT = 1  # anxiety: 1 session a week by default
MIND_BODY_SHARE_DIVISOR = 2  # mind-body sessions <= floor(N / 2)

# --- timing (R-MIX-7, R-BAR-12) ------------------------------------------------------------------
PRE_BED_MARGIN_MIN = 120  # sessions end >= 2 h before the usual bedtime (X15 + design margin)

# --- reviews (R-REV) -----------------------------------------------------------------------------
REVIEW_WEEKS_FIRST = (4, 8, 12)  # R-REV-1 (E18)
REVIEW_INTERVAL_LATER = 12  # then every 12 weeks (E19)
REVIEW_POINTS_LISTED = 5  # the plan lists 4, 8, 12, 24, 36
EARLY_CONTACT_WEEK = 2  # a clinician call or visit with a risk gate or gentle start (8.18)
ADHERENCE_WINDOW_WEEKS = 3  # R-REV-2 / R-REV-3 row 3: the last 3 weeks
ADHERENCE_REBASELINE_BELOW = 50  # R-REV-3 row 3 (percent)
ADHERENCE_CONTINUE_FROM = 75  # R-REV-3 rows 4/5, R-REV-4, R-REV-5 (percent)
SCORE_WORSENING_RISE = 5  # PHQ-9 / GAD-7 rise >= 5 -> row 2 (X20)
PHQ9_MEANINGFUL_DROP = 5  # R-REV-4: a drop < 5 is "no meaningful improvement"
REV4_FROM_WEEK = 8  # R-REV-4 applies from week 8
PHASE2_FROM_WEEK = 8  # R-REV-5: unlock at a review in week 8 or later
PHASE2_TARGET_HELD_STEPS = 2  # R-REV-5: T reached and held for at least 2 steps
HOLD_EXTRA_STEPS = 2  # R-REV-3 row 4: repeat the current step for 2 more steps

# --- holds (R-HOLD-4) ----------------------------------------------------------------------------
RESTART_AFTER_BREAK_WEEKS = 2  # a break of >= 2 weeks restarts lower
RESTART_NUMERATOR, RESTART_DENOMINATOR = 1, 2  # restart at max(floor, rd5(0.5 x last WM))

# The calendar ends on 9999-12-31 (Python's date.max). The plan dates weeks from its start (the
# last listed review is week 36, day 246) and screening and clearance fall due a year after
# their dates, so an intake date later than two years before the end would make a plan whose
# dates cannot be written ("year 10000 is out of range"): every intake date is refused after it.
PLAN_DATE_HORIZON_DAYS = 2 * 366
LATEST_INTAKE_DATE = _dt.date.max - _dt.timedelta(days=PLAN_DATE_HORIZON_DAYS)
