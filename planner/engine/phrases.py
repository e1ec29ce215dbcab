"""Banned phrases for client text, one list per never-do rule (rules.md section 5, section 7).

This is the only place where banned wording lives. The validator (validator.py) compiles these
lists once, case-insensitively, with word boundaries at both ends of every entry, and scans every
client-facing text block and document with them.

Each entry is a small regular expression fragment, written in lower case. Keep entries specific
enough that the product's own warm wording never trips them: for example N14 bans "stop"/"reduce"
instructions, so the product's texts say "end the session" or "ease back to an easier effort" and
keep the word "stop" for the warning and crisis blocks, which are exempt (section 7 item 28).

Lists whose application depends on the plan:
- N02_STANDALONE applies unless the plan's wording is STANDALONE_FOR_SOME (and then only outside
  the "wording" block).
- N04_VIGOROUS applies unless vigorous work is allowed for the client (R-SAFE-VIG);
  N04_HIIT always applies (HIIT is never prescribed).
- N17_CONDITION_NAMES applies unless the client agreed to show condition names on the handout
  (`show_conditions_on_handout`, section 7 item 30). N17_SENSITIVE always applies.
  N17_PHYSICAL_REASONS (physical diagnoses) is also lifted in the clearance-request letter, which
  is addressed to the client's doctor and has to name the clearance reasons.
- N17_CRISIS_LINE_WORDS ("suicide") is lifted in the crisis blocks, which print the name of the
  crisis line (for example "988 Suicide & Crisis Lifeline").
"""

from __future__ import annotations

# N01: exercise never replaces treatment; never suggest stopping, reducing, pausing or delaying
# treatment (medicines, talking therapy, appointments).
_TREATMENT = (r"(?:medications?|medicines?|meds|tablets|pills|antidepressants?|prescriptions?|"
              r"therapy|psychotherapy|counsell?ing|treatments?|appointments?|"
              r"sessions with your)")
_THEIR = r"(?:your |any |the |their |my )?"
N01_REPLACES_TREATMENT = (
    r"replaces? (?:your |the )?(?:medication|medicines?|tablets|pills|"
    r"therapy|psychotherapy|counsell?ing|treatment|rehabilitation)",
    r"instead of (?:taking )?(?:your |any )?(?:medication|medicines?|meds|tablets|pills|therapy|"
    r"psychotherapy|counsell?ing|treatment)",
    r"(?:replacement|substitute|alternative) (?:for|to) (?:your )?(?:medication|medicines?|"
    r"therapy|treatment)",
    r"(?:stop(?:s|ping)?|quit(?:s|ting)?|come off|coming off|cut(?:ting)? (?:down|back)(?: on)?|"
    r"reduc(?:e|ing)|lower(?:ing)?|taper(?:ing)?|skip(?:ping)?|miss(?:ing)?|delay(?:ing)?|"
    r"postpone|pause|pausing|drop(?:ping)?|give up|giving up|wean(?:ing)? (?:yourself )?off) "
    r"(?:taking )?" + _THEIR + _TREATMENT,
    r"(?:a |some )?(?:break|rest|holiday|time off|time out) from (?:taking )?" + _THEIR
    + _TREATMENT,
    r"(?:lower|reduce|skip|miss|halve|cut|drop) (?:your |a |the |one )?doses?",
    r"(?:no longer|don'?t|do not|won'?t|will not|may not|might not) need " + _THEIR
    + r"(?:medications?|medicines?|meds|tablets|pills|antidepressants?|therapy|treatment)",
    r"off (?:your )?(?:medications?|medicines?|meds|tablets|pills|antidepressants?)",
)

# N02: STANDALONE wording is allowed only for mild depression with no ADJUNCT condition (D-1).
N02_STANDALONE = (
    r"(?:can )?help on its own",
    r"on its own",
    r"by itself",
    r"stand[- ]?alone",
    r"all (?:the )?treatment you need",
    r"enough on its own",
)

# N04: vigorous wording only when vigorous work is allowed (R-SAFE-VIG). HIIT is never prescribed.
N04_VIGOROUS = (
    r"vigou?rous(?:ly)?",
    r"hard effort",
    r"hard exercise",
    r"train(?:ing)? hard",
    r"work(?:ing)? hard(?:er)?",
    r"counts as two",
    r"count(?:s)? double",
    r"high[- ]intensity",
    r"sprints?",
    r"sprinting",
    r"all[- ]out",
    r"max(?:imum|imal)? effort",
    r"(?:7|seven) (?:to|-|–|—) (?:8|eight)",
    r"(?:9|nine|10|ten) out of (?:10|ten)",
    r"only say a few words",
)
N04_HIIT = (
    r"hiit",
    r"high[- ]intensity interval(?: training)?",
    r"interval training",
    r"intervals",
    r"tabata",
    r"crossfit",
)

# N05: body, weight, calorie and appearance language; counters, streaks and leaderboards.
N05_BODY_AND_COUNTERS = (
    r"calories?",
    r"kcal",
    r"kilojoules?",
    r"weight(?:s|ed|ing)?",
    r"body ?weight",
    r"weigh(?:s|ing)?",
    r"lose weight",
    r"weight[- ]loss",
    r"slim(?:mer|ming)?",
    r"fat",
    r"fat[- ]burning",
    r"burn(?:s|ed|ing|t)?(?: it)?(?: off)?",
    r"earn(?:s|ed|ing)?(?: your)?(?: food| meal| treat| dinner)?",
    r"ton(?:e|ed|ing) up",
    r"toning",
    r"toned",
    r"shape",
    r"in shape",
    r"body shape",
    r"figure",
    r"physique",
    r"appearance",
    r"look (?:better|good|great|slimmer|fitter)",
    r"before[- /]and[- /]after (?:photos?|pictures?|pics?|shots?|selfies?|body)",
    r"before/after",
    r"bmi",
    r"body mass",
    r"bikini",
    r"belly",
    r"flat stomach",
    r"six[- ]pack",
    r"bulk(?:ing)? up",
    r"bigger muscles",
    r"muscle size",
    r"no pain,? no gain",
    r"streaks?",
    r"leaderboards?",
    r"step ?counts?",
    r"step counter",
    r"pedometer",
    r"000 steps",
    r"thousand steps",
    r"steps (?:a|per|each) day",
    r"daily steps",
    r"step (?:goals?|targets?)",
    r"calorie (?:counter|tracker)",
    r"kg",
    r"kilos?",
    r"lbs?",
    r"pounds",
)

# N06: no "works like an antidepressant/stimulant", no comparison with medication or therapy.
N06_MEDICATION_COMPARISON = (
    r"antidepressants?",
    r"anti-depressants?",
    r"stimulants?",
    r"works? like (?:a |an )?(?:medicine|medication|drug|pill|tablet|antidepressant|stimulant|"
    r"prozac|ritalin)",
    r"natural (?:antidepressant|prozac|ritalin|medicine|medication|remedy|high)",
    r"(?:as good as|better than|as effective as|more effective than|as powerful as|stronger than)"
    r" (?:your |any )?(?:medication|medicines?|pills|tablets|drugs|therapy|psychotherapy|treatment|"
    r"counsell?ing)",
    r"prozac",
    r"ritalin",
    r"ssris?",
    r"chemical imbalance",
)

# N07: no comparative-effectiveness or other research numbers in client text.
N07_RESEARCH_NUMBERS = (
    r"%",
    r"percent(?:age)?s?",
    r"per cent",
    r"times (?:more|less|better|higher|lower|as) (?:effective|likely|good|strong|than)",
    r"times more effective",
    r"effect sizes?",
    r"meta[- ]analys[ie]s",
    r"odds ratio",
    r"risk reduction",
    r"studies (?:show|suggest|prove|found)",
    r"research (?:shows|suggests|proves|found)",
    r"trials (?:show|found)",
    r"scientifically proven",
    r"clinically proven",
)

# N08: no promised outcomes; no mechanism or animal findings presented as personal benefit.
N08_PROMISES_AND_MECHANISMS = (
    r"brain cells",
    r"new neurons",
    r"neurons?",
    r"neurogenesis",
    r"neuroplasticity",
    r"grows? (?:your |new |a bigger )?brain",
    r"hippocamp(?:us|al|i)",
    r"bdnf",
    r"endorphins?",
    r"endocannabinoids?",
    r"anandamide",
    r"serotonin",
    r"dopamine",
    r"norepinephrine",
    r"noradrenaline",
    r"cortisol",
    r"stress hormones?",
    r"runner'?s high",
    r"rewir(?:e|es|ed|ing)",
    r"hypothalamus",
    r"amygdala",
    r"inflammation",
    r"alzheimer'?s",
    r"dementia",
    r"prevents? (?:dementia|alzheimer'?s|depression|anxiety|relapse|illness|disease|decline)",
    r"cures?",
    r"cured",
    r"guarantee[sd]?",
    r"guaranteed",
    r"will (?:cure|fix|heal)",
    r"(?:you will|you'll|will make you) (?:feel|be) (?:better|happier|calmer|great|happy)",
    r"will make you happ(?:y|ier)",
    r"mice",
    r"mouse",
    r"rats?",
    r"animal (?:studies|research|experiments)",
    r"in animals",
)

# N09: never imply that only hard or long exercise counts.
N09_ONLY_HARD_COUNTS = (
    r"only (?:hard|vigou?rous|intense|long|proper|real) (?:exercise|sessions?|workouts?|activity|"
    r"training) (?:counts?|matters?|works?)",
    r"(?:doesn'?t|does not|don'?t|do not|won'?t|will not) count",
    r"not worth (?:it|doing|the effort)",
    r"too short to (?:count|matter|help|make a difference)",
    r"waste of time",
    r"pointless",
    r"no point",
    r"real exercise",
    r"proper (?:exercise|workout)",
    r"only counts? if",
    r"only worth it if",
    r"has to be at least",
    r"needs to be at least",
)

# N10: blaming or invalidating wording; missed weeks as failure (R-WORD-5).
N10_BLAME = (
    r"just",
    r"no excuses?",
    r"excuses?",
    r"push(?:ing)? through",
    r"push yourself",
    r"you should",
    r"should",
    r"you must",
    r"failed",
    r"fail(?:s|ing|ure|ures)?",
    r"lazy",
    r"laziness",
    r"willpower",
    r"man up",
    r"toughen up",
    r"snap out of",
    r"it'?s easy",
    r"you have to",
    r"no pain,? no gain",
    r"get over it",
    r"cheat(?:ed|ing)?",
)

# N12: never diagnose or infer a diagnosis.
N12_DIAGNOSIS = (
    r"diagnos(?:e|es|ed|is|ing)",
    r"you (?:may|might|probably|clearly|seem to) have",
    r"sounds like you have",
    r"symptoms of (?:depression|anxiety|ptsd|adhd|bipolar|psychosis|a disorder)",
)

# N14: the app never cuts current activity or prints stop/reduce instructions about it.
# Exempt (section 7 item 28): warning_symptoms, crisis_box, crisis_footer, crisis_sheet and the
# emergency sentence of the interim clearance letter.
N14_STOP_REDUCE = (
    r"stop(?:s|ped|ping)?",
    r"reduc(?:e|es|ed|ing|tion)",
    r"cut (?:back|down)",
    r"cut(?:ting)? (?:your|the) (?:exercise|training|running|activity|routine|minutes|sessions)",
    r"do less",
    r"fewer minutes",
    r"give up (?:your )?(?:running|exercise|training|sport)",
    r"quit (?:your )?(?:running|exercise|training|sport)",
)

# N15: rigid or compulsive framing (the hold rules themselves are checked structurally).
N15_RIGID = (
    r"must",
    r"never miss",
    r"every single day",
    r"without fail",
    r"don'?t break the chain",
    r"penalt(?:y|ies)",
    r"make up for (?:a |any |the )?missed",
    r"catch up on",
    r"double up",
    r"no days off",
    r"no rest days?",
    r"perfect (?:week|record|attendance|score)",
    r"non[- ]negotiable",
    r"rigid(?:ly)?",
    r"no matter what",
)

# N17: sensitive intake answers are never printed. Always banned in client text.
N17_SENSITIVE = (
    r"suicidal",
    r"suicidal ideation",
    r"ideation",
    r"suicide (?:risk|attempts?|plan)",
    r"attempted suicide",
    r"self[- ]harm(?:ing)? history",
    r"phq(?:-?9)?",
    r"gad-?7",
    r"item ?9",
    r"question ?9",
    r"scores?",
    r"scored",
    r"eating disorders?",
    r"anorexi[ac]",
    r"anorexia nervosa",
    r"bulimi[ac]",
    r"binge(?:s|ing)?",
    r"compulsive",
    r"compulsions?",
    r"obsessive",
    r"obes(?:e|ity)",
    r"overweight",
    r"underweight",
    r"risk factors?",
    r"smok(?:er|ers|ing)",
    r"cholesterol",
    r"prediabet(?:es|ic)",
    r"family history",
    r"high[- ]risk",
)
# Printed inside the crisis line's own name ("988 Suicide & Crisis Lifeline"); banned elsewhere.
N17_CRISIS_LINE_WORDS = (r"suicide",)

# N17: condition names, unless the client agreed to show them (section 7 item 30).
N17_CONDITION_NAMES = (
    r"depression",
    r"depressive",
    r"depressed",
    r"anxiety",
    r"anxiety disorders?",
    r"generali[sz]ed anxiety",
    r"gad",
    r"panic disorder",
    r"ptsd",
    r"post[- ]?traumatic",
    r"trauma",
    r"traumatic",
    r"trauma[- ]focused",
    r"adhd",
    r"attention[- ]deficit",
    r"hyperactivity",
    r"bipolar",
    r"mania",
    r"manic",
    r"hypomani[ac]",
    r"euthymic",
    r"psychos[ie]s",
    r"psychotic",
    r"schizo\w*",
    r"sarcopeni[ac]",
    r"mental illness",
    r"mental disorder",
    r"lithium",
    r"antipsychotics?",
    r"mood stabili[sz]ers?",
    r"beta[- ]?blockers?",
)
# Physical diagnoses: banned like condition names, but the clearance-request letter to the
# client's doctor may name them because they are the clearance reasons.
N17_PHYSICAL_REASONS = (
    r"strokes?",
    r"tia",
    r"diabet(?:es|ic)",
    r"insulin",
    r"sulfonylureas?",
    r"hypertension",
    r"(?:osteo)?arthritis",
    r"heart (?:disease|condition|failure|attack)",
    r"kidney disease",
    r"renal",
    r"pregnan(?:t|cy)",
    r"postpartum",
)

# N18: never schedule exercise relative to psychotherapy or exposure sessions.
N18_THERAPY_TIMING = (
    r"(?:before|after|around|ahead of|following|prior to|straight after|right before|right after)"
    r" (?:each |every |your |a |the |any )*(?:therapy|psychotherapy|counsell?ing|exposure|cbt|emdr|"
    r"talking therapy|therapist)(?: sessions?| appointments?)?",
    r"exposure(?: sessions?| tasks?| exercises?| homework| therapy)?",
    r"therapy days?",
)

# N19: no nutrition, supplement, fasting, medication-dose or medication-timing advice.
N19_NUTRITION_AND_DOSE = (
    r"diet(?:s|ing)?",
    r"nutrition(?:al)?",
    r"protein",
    r"supplements?",
    r"vitamins?",
    r"creatine",
    r"caffeine",
    r"energy drinks?",
    r"fast(?:ed|ing)",
    r"carb(?:s|ohydrates?)",
    r"sugar",
    r"(?:eat|meal|snack)s? (?:before|after|around)",
    r"pre[- ]workout",
    r"post[- ]workout",
    r"doses?",
    r"dosage",
    r"mg",
    r"milligrams?",
    r"units of",
    r"take (?:your )?(?:medication|medicines?|tablets|pills) "
    r"(?:before|after|at|with|earlier|later)",
    r"(?:skip|miss|double|change|adjust|lower|raise|time) (?:a |your |the )?(?:dose|medication|"
    r"medicines?|tablets|insulin)",
)

# N20: no heart-rate targets or formulas.
N20_HEART_RATE = (
    r"heart[- ]?rates?",
    r"target (?:heart|pulse)",
    r"(?:heart rate|pulse) (?:zones?|targets?|reserve)",
    r"hrr",
    r"hr ?max",
    r"max(?:imum)? heart",
    r"220\s*(?:-|–|−|minus)\s*(?:your\s+)?age",
    r"(?:minus|take away|subtract) (?:your )?age",
    r"bpm",
    r"beats (?:per|a) minute",
    r"max(?:imum)? (?:heart|pulse|hr)",
    r"keep your (?:pulse|heart) (?:between|under|below|above|at|in|within)",
)

# N21: the Borg RPE and CR10 scales are licensed; client handouts use the app's own 0-10 wording.
N21_BORG = (
    r"borg",
    r"rpe",
    r"perceived exertion",
    r"cr-?10",
    r"6 ?(?:-|–|to) ?20",
    r"extremely light",
    r"extremely hard",
    r"very, very (?:light|hard)",
    r"maximal exertion",
)

#: Name -> (N-rule, phrases). The validator decides which lists apply to which block.
LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "N01": ("N01", N01_REPLACES_TREATMENT),
    "N02": ("N02", N02_STANDALONE),
    "N04_VIGOROUS": ("N04", N04_VIGOROUS),
    "N04_HIIT": ("N04", N04_HIIT),
    "N05": ("N05", N05_BODY_AND_COUNTERS),
    "N06": ("N06", N06_MEDICATION_COMPARISON),
    "N07": ("N07", N07_RESEARCH_NUMBERS),
    "N08": ("N08", N08_PROMISES_AND_MECHANISMS),
    "N09": ("N09", N09_ONLY_HARD_COUNTS),
    "N10": ("N10", N10_BLAME),
    "N12": ("N12", N12_DIAGNOSIS),
    "N14": ("N14", N14_STOP_REDUCE),
    "N15": ("N15", N15_RIGID),
    "N17_SENSITIVE": ("N17", N17_SENSITIVE),
    "N17_CRISIS_LINE": ("N17", N17_CRISIS_LINE_WORDS),
    "N17_CONDITIONS": ("N17", N17_CONDITION_NAMES),
    "N17_PHYSICAL": ("N17", N17_PHYSICAL_REASONS),
    "N18": ("N18", N18_THERAPY_TIMING),
    "N19": ("N19", N19_NUTRITION_AND_DOSE),
    "N20": ("N20", N20_HEART_RATE),
    "N21": ("N21", N21_BORG),
}

#: Lists that apply to every client block unless the block is exempt from them.
ALWAYS = (
    "N01", "N04_HIIT", "N05", "N06", "N07", "N08", "N09", "N10", "N12", "N14", "N15",
    "N17_SENSITIVE", "N17_CRISIS_LINE", "N18", "N19", "N20", "N21",
)
