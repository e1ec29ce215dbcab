"""The weekly log sheet: a tick box for every planned session, minutes done, and mood 0-10
before and after (behavioural activation: noticing the short-term lift, R-BAR-02/03).

One small table per plan week, in order, kept whole on a page. For MAINTAIN_CURRENT (no
steps: the plan schedules nothing) the sheet is a plain seven-day diary for four weeks, with no
tick boxes, because nothing is planned to tick.

With the eating-disorder / compulsive-exercise flag (rules 8.17, N05, N15) the sheet records
days, how the client felt and rest days, and never minutes: no column adds up activity.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from planner.engine.enums import Gate
from planner.engine.model import Plan, Step

from .blocks import Keep, column_widths, title_block
from .handout import effort_words, plan_start, week_start_dates
from .header import HandoutHeader
from .layout import PAGE_SIZES, build_pdf, required_crisis_line
from .loglink import log_link_flowables
from .styles import ACCENT, GRID, TABLE_FONT, TINT, Styles, get_styles
from .text import esc, short_date

TITLE = "My activity log"
TICK = "☐"  # U+2610 BALLOT BOX, drawn by DejaVu Sans; one per planned session
DIARY_WEEKS = 4
REST_DAYS_SHOWN = 2  # the ED flag keeps at least 2 full rest days a week (R-CAP-3)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _session_labels(step: Step) -> list[str]:
    n = step.sessions
    mb = step.mind_body_sessions or 0
    about = f"about {step.minutes_per_session} min"
    labels = [f"Activity {i} ({about})" for i in range(1, n - mb + 1)]
    labels += [f"Yoga or tai chi ({about})" for _ in range(mb)]
    labels += ["Strength" for _ in range(step.strength_sessions or 0)]
    return labels


def _grid(rows: list[list], widths: list[float], st: Styles) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        *TABLE_FONT,
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("LINEBELOW", (0, 0), (-1, 0), 1.0, ACCENT),
        ("BACKGROUND", (0, 0), (-1, 0), TINT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _week_block(step: Step, date, st: Styles, width: float, *, ed: bool = False) -> Flowable:
    plan = (f"{step.sessions} × about {step.minutes_per_session} min, "
            f"{effort_words(step.intensity)}")
    if step.strength_sessions:
        plan += f"; strength {step.strength_sessions}"
    heading = f"<b>Week {step.week}</b>"
    if date is not None:
        heading += f" · starting {esc(short_date(date))}"
    heading += f" &nbsp; <font color='#555555'>Plan: {esc(plan)}</font>"
    space = Spacer(1, st.log_row_height - 6)
    if ed:
        return Keep([Paragraph(heading, st.body), _ed_grid(step, st, width, space),
                     Spacer(1, st.space * 1.5)])
    names = ("Done", "Session", "Day", "Minutes", "Mood before", "Mood after")
    rows = [[Paragraph(esc(t), st.cell_bold) for t in names]]
    for label in _session_labels(step):
        rows.append([Paragraph(TICK, st.tick), Paragraph(esc(label), st.cell), space, "", "", ""])
    widths = column_widths(list(names), [7, 34, 14, 13, 16, 16], width, st)
    return Keep([Paragraph(heading, st.body), _grid(rows, widths, st),
                 Spacer(1, st.space * 1.5)])


def _ed_grid(step: Step, st: Styles, width: float, space: Spacer) -> Table:
    """Rules 8.17: days, how the client felt and rest days; no minutes anywhere."""
    names = ("Done", "Session or rest", "Day", "How I felt before", "How I felt after")
    head = [Paragraph(esc(t), st.cell_bold) for t in names]
    labels = [label.split(" (")[0] for label in _session_labels(step)]
    # Strength shares the activity days with the flag, so the other days of the week are rest.
    labels += ["Rest day (part of the plan)"] * max(REST_DAYS_SHOWN, 7 - step.sessions)
    rows = [head] + [[Paragraph(TICK, st.tick), Paragraph(esc(label), st.cell), space, "", ""]
                     for label in labels]
    return _grid(rows, column_widths(list(names), [7, 37, 16, 20, 20], width, st), st)


def _diary_block(week: int, st: Styles, width: float) -> Flowable:
    names = ("Day", "What I did", "Minutes", "Mood before", "Mood after")
    head = [Paragraph(esc(t), st.cell_bold) for t in names]
    space = Spacer(1, st.log_row_height - 6)
    rows = [head] + [[Paragraph(esc(d), st.cell), space, "", "", ""] for d in _DAYS]
    widths = column_widths(list(names), [16, 39, 13, 16, 16], width, st)
    return Keep([Paragraph(f"<b>Week {week}</b>", st.body), _grid(rows, widths, st),
                 Spacer(1, st.space * 1.5)])


def log_sheet_story(plan: Plan, header: HandoutHeader, width: float,
                    weeks: Iterable[int] | None = None) -> list[Flowable]:
    st = get_styles(header.large_print)
    story = title_block(header, st, TITLE)
    steps = plan.steps
    ed = plan.ed_cap or "ED_COMPULSIVE_CAP" in plan.flags
    if ed and steps:
        first = ("Tick a box when you have done that session, and tick your rest days too: rest "
                 "is part of the plan. Write down how you felt from 0 (very low) to 10 (very "
                 "good) before and after.")
        story.append(Paragraph(esc(first), st.body))
    else:
        first = ("Tick a box when you have done that session and write down the minutes."
                 if steps else "Write down what you did each day and for how many minutes.")
        story.append(Paragraph(esc(
            f"{first} Rate your mood from 0 (very low) to 10 (very good) just before and just "
            "after the activity."), st.body))
    story.append(Spacer(1, st.space))
    story += log_link_flowables(header, st, width)
    if not steps:
        for week in range(1, DIARY_WEEKS + 1):
            story.append(_diary_block(week, st, width))
        return story
    wanted = set(weeks) if weeks is not None else None
    dates = week_start_dates(plan_start(plan, header), steps)
    for step in steps:
        if wanted is None or step.week in wanted:
            story.append(_week_block(step, dates.get(step.week), st, width, ed=ed))
    return story


def render_log_sheet(plan: Plan, header: HandoutHeader,
                     weeks: Iterable[int] | None = None) -> bytes:
    """The log sheet as PDF bytes, for all weeks or only ``weeks`` (calendar weeks)."""
    stop = plan.hard_stop
    if stop:
        raise ValueError(f"no log sheet under hard stop {stop}")
    if Gate.CLEARANCE_PENDING in plan.gates and not header.draft:
        raise ValueError("CLEARANCE_PENDING is open: no exercise documents for the client yet")
    st = get_styles(header.large_print)
    width = PAGE_SIZES[header.paper][0] - 2 * st.margin
    return build_pdf(
        log_sheet_story(plan, header, width, weeks),
        header=header,
        title=TITLE,
        subject="Weekly activity log",
        crisis_text=required_crisis_line(plan),
        running_title=TITLE,
    )
