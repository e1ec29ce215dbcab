"""The weekly log sheet: a tick box for every planned session, minutes done, and mood 0-10
before and after (behavioural activation: noticing the short-term lift, R-BAR-02/03).

One small table per plan step, in step order, kept whole on a page. For MAINTAIN_CURRENT (no
steps: the plan schedules nothing) the sheet is a plain seven-day diary for four weeks, with no
tick boxes, because nothing is planned to tick.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from planner.engine.enums import Gate
from planner.engine.model import Plan, Step

from .blocks import title_block
from .handout import effort_words, plan_start, week_start_dates
from .header import HandoutHeader
from .layout import PAGE_SIZES, build_pdf, required_crisis_line
from .styles import ACCENT, GRID, TABLE_FONT, TINT, Styles, get_styles
from .text import esc, short_date

TITLE = "My activity log"
TICK = "☐"  # U+2610 BALLOT BOX, drawn by DejaVu Sans; one per planned session
DIARY_WEEKS = 4
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


def _week_block(step: Step, date, st: Styles, width: float) -> Flowable:
    plan = (f"{step.sessions} × about {step.minutes_per_session} min, "
            f"{effort_words(step.intensity)}")
    if step.strength_sessions:
        plan += f"; strength {step.strength_sessions}"
    heading = f"<b>Week {step.step}</b>"
    if date is not None:
        heading += f" · starting {esc(short_date(date))}"
    heading += f" &nbsp; <font color='#555555'>Plan: {esc(plan)}</font>"
    head = [Paragraph(esc(t), st.cell_bold) for t in
            ("Done", "Session", "Day", "Minutes", "Mood before", "Mood after")]
    rows = [head]
    space = Spacer(1, st.log_row_height - 6)
    for label in _session_labels(step):
        rows.append([Paragraph(TICK, st.tick), Paragraph(esc(label), st.cell), space, "", "", ""])
    unit = width / 100
    widths = [7 * unit, 34 * unit, 14 * unit, 13 * unit, 16 * unit, 16 * unit]
    return KeepTogether([Paragraph(heading, st.body), _grid(rows, widths, st),
                         Spacer(1, st.space * 1.5)])


def _diary_block(week: int, st: Styles, width: float) -> Flowable:
    head = [Paragraph(esc(t), st.cell_bold) for t in
            ("Day", "What I did", "Minutes", "Mood before", "Mood after")]
    space = Spacer(1, st.log_row_height - 6)
    rows = [head] + [[Paragraph(esc(d), st.cell), space, "", "", ""] for d in _DAYS]
    unit = width / 100
    widths = [16 * unit, 39 * unit, 13 * unit, 16 * unit, 16 * unit]
    return KeepTogether([Paragraph(f"<b>Week {week}</b>", st.body), _grid(rows, widths, st),
                         Spacer(1, st.space * 1.5)])


def log_sheet_story(plan: Plan, header: HandoutHeader, width: float,
                    weeks: Iterable[int] | None = None) -> list[Flowable]:
    st = get_styles(header.large_print)
    story = title_block(header, st, TITLE)
    steps = plan.steps
    first = ("Tick a box when you have done that session and write down the minutes."
             if steps else "Write down what you did each day and for how many minutes.")
    story.append(Paragraph(esc(
        f"{first} Rate your mood from 0 (very low) to 10 (very good) just before and just after "
        "the activity."), st.body))
    story.append(Spacer(1, st.space))
    if not steps:
        for week in range(1, DIARY_WEEKS + 1):
            story.append(_diary_block(week, st, width))
        return story
    wanted = set(weeks) if weeks is not None else None
    dates = week_start_dates(plan_start(plan, header), steps)
    for step in steps:
        if wanted is None or step.step in wanted:
            story.append(_week_block(step, dates.get(step.step), st, width))
    return story


def render_log_sheet(plan: Plan, header: HandoutHeader,
                     weeks: Iterable[int] | None = None) -> bytes:
    """The log sheet as PDF bytes, for all steps or only ``weeks`` (step numbers)."""
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
