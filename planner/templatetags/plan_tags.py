"""
`{% why_details why %}`: the "Why?" details of one number, gate, flag or review proposal (a
presenters.plan.Why): one plain clinical sentence, the evidence quotes with their publications,
then the rule and evidence IDs, formulas and uses under "Technical detail".

Built in Python rather than by including a template: a plan page shows about 65 of them, and
the template engine spent about half of the page's rendering time on them. Every piece of text
is escaped by format_html, as {{ }} escapes it in a template.

The list of reasons depends on nothing but the reasons (no translated text, no request), and the
same few hundred catalogue entries recur on every plan page: each list is built once and kept.
"""

from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


EVIDENCE_KINDS = ("seed", "external")


def _evidence_item(reason):
    """One evidence <li>: a seed quote verbatim in <q> with its publication, or an external
    source's publication."""
    source = ""
    if reason.source:
        source = format_html(' <span class="text-body-secondary">({})</span>', reason.source)
    if reason.kind == "seed":
        return format_html("<li><q>{}</q>{}</li>", reason.quote, source)
    return format_html("<li>{}{}</li>", reason.quote, source)


def _technical_item(reason):
    """One technical <li>: the ID, then the rule, choice or clarification (formulas and all),
    and the planner's use of a source."""
    text = use = ""
    if reason.quote and reason.kind not in EVIDENCE_KINDS:
        text = format_html(": {}", reason.quote)
    if reason.use:
        use = format_html('<br><span class="text-body-secondary">{}</span>', reason.use)
    return format_html("<li><strong>{}</strong>{}{}</li>", reason.id, text, use)


# Keyed by the tuple of Reasons (frozen dataclasses, hashable). The catalogue is English only; if
# it is ever translated, the active language must become part of the key.
@lru_cache(maxsize=1024)
def _reason_lists(reasons):
    """Return the IDs ("R-DOSE-1, E01"), the evidence <li> items and the technical <li> items."""
    ids = ", ".join(str(reason.id) for reason in reasons)
    evidence = [r for r in reasons if r.kind in EVIDENCE_KINDS and r.quote]
    evidence_items = format_html_join("\n", "{}", ((_evidence_item(r),) for r in evidence))
    technical = format_html_join("\n", "{}", ((_technical_item(r),) for r in reasons))
    return ids, evidence_items, technical


@register.simple_tag
def why_details(why):
    """Return the <details class="why"> of a Why, or "" when there is none or it has no reasons:
    its plain sentence first, then the evidence (verbatim quotes and publications), then the
    rule ids, formulas and design notes under "Technical detail" (issue 22, rules 8.20)."""
    reasons = getattr(why, "reasons", None)
    if not reasons:
        return ""
    ids, evidence, technical = _reason_lists(tuple(reasons))
    plain = getattr(why, "plain", "")
    return format_html(
        '<details class="why">\n<summary>{}</summary>\n{}{}'
        '<details class="why-technical">\n<summary>{} <span class="why-ids">{}</span></summary>\n'
        '<ul class="why-list">\n{}\n</ul>\n</details>\n</details>',
        _("Why?"),
        format_html('<p class="why-plain">{}</p>\n', plain) if plain else "",
        format_html('<ul class="why-evidence">\n{}\n</ul>\n', evidence) if evidence else "",
        _("Technical detail"),
        ids,
        technical,
    )


@register.simple_tag
def text_block(block, level=3):
    """Return one engine text block (an engine TextBlock: key, title, paragraphs, bullets) as a
    <section>, its title a heading of `level`.

    Built in Python for the same reason as why_details: a plan page shows about twenty blocks,
    and an {% include %} per block cost a tenth of the page. Every string is escaped.
    """
    title = block.title
    heading = ""
    if title:
        heading = format_html('<h{} class="h6">{}</h{}>', level, title, level)
    paragraphs = format_html_join("", "<p>{}</p>", ((p,) for p in block.paragraphs))
    items = ""
    if block.bullets:
        items = format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>",
                                                             ((b,) for b in block.bullets)))
    return format_html(
        '<section class="text-block" aria-label="{}">\n  {}\n  {}\n  {}\n</section>\n',
        title or block.key, heading, paragraphs, items,
    )


@register.simple_tag
def client_preview_of(view, open_gates=None):
    """`{% client_preview_of view open_gates as client_preview %}`: the "what the client will
    read" section of a plan page (rules 8.15; presenters/client_preview.py). Without
    `open_gates` in the context (an unsaved preview) every gate of the snapshot counts as open."""
    from planner.presenters.client_preview import client_preview

    return client_preview(view, None if open_gates in (None, "") else open_gates)
