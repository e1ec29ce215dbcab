"""planner/templatetags/plan_tags.py: {% why_details %}, the "Why?" of a number on a plan page."""

import re

from django.template import Context, Template

from planner.engine.model import TextBlock
from planner.presenters.plan import Reason, Why
from planner.templatetags.plan_tags import text_block, why_details

SEED = Reason(id="E01", quote="At least 150 minutes a week.", use="Target rule R-DOSE-1.",
              kind="seed")
RULE = Reason(id="R-DOSE-1", quote="T = 150", kind="rule")
EXTERNAL = Reason(id="X02", quote="Guidelines (2018)", source="WHO", use="The floor.",
                  kind="external")


def test_a_why_lists_its_ids_then_each_reason_with_a_seed_quote_in_q():
    html = why_details(Why(key="target_minutes", label="Target", reasons=(RULE, SEED, EXTERNAL)))
    assert html == (
        '<details class="why">\n'
        '<summary>Why? <span class="why-ids">R-DOSE-1, E01, X02</span></summary>\n'
        '<ul class="why-list">\n'
        "<li><strong>R-DOSE-1</strong>: T = 150</li>\n"
        "<li><strong>E01</strong>: <q>At least 150 minutes a week.</q>"
        '<br><span class="text-body-secondary">Target rule R-DOSE-1.</span></li>\n'
        '<li><strong>X02</strong>: Guidelines (2018) <span class="text-body-secondary">(WHO)</span>'
        '<br><span class="text-body-secondary">The floor.</span></li>\n'
        "</ul>\n"
        "</details>"
    )


def test_a_reason_with_no_quote_shows_its_id_alone():
    html = why_details(Why(key="mode", label="Mode", reasons=(Reason(id="R-UNKNOWN"),)))
    assert "<li><strong>R-UNKNOWN</strong></li>" in html


def test_html_in_a_reason_is_escaped():
    hostile = Reason(id="<b>E9</b>", quote='<script>alert("q")</script>', kind="seed",
                     source="<script>s</script> & co", use="<img src=x onerror='u'>")
    html = why_details(Why(key="k", label="K", reasons=(hostile,)))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "<q>&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;</q>" in html
    assert "(&lt;script&gt;s&lt;/script&gt; &amp; co)" in html
    assert "&lt;img src=x onerror=&#x27;u&#x27;&gt;" in html
    assert html.count("&lt;b&gt;E9&lt;/b&gt;") == 2  # in the summary and in the list


def test_a_why_with_no_reasons_or_no_why_renders_nothing():
    assert why_details(Why(key="k", label="K", reasons=())) == ""
    assert why_details(None) == ""
    assert Template("{% load plan_tags %}[{% why_details missing %}]").render(Context()) == "[]"


# The template the tag replaced (planner/includes/why.html), kept to prove the same markup.
FORMER_TEMPLATE = (
    '{% load i18n %}{% if why and why.reasons %}<details class="why">\n'
    '  <summary>{% translate "Why?" %} <span class="why-ids">{% for reason in why.reasons %}'
    "{{ reason.id }}{% if not forloop.last %}, {% endif %}{% endfor %}</span></summary>\n"
    '  <ul class="why-list">\n    {% for reason in why.reasons %}\n'
    "    <li><strong>{{ reason.id }}</strong>{% if reason.quote %}: "
    '{% if reason.kind == "seed" %}<q>{{ reason.quote }}</q>{% else %}{{ reason.quote }}'
    "{% endif %}{% endif %}{% if reason.source %} "
    '<span class="text-body-secondary">({{ reason.source }})</span>{% endif %}'
    '{% if reason.use %}<br><span class="text-body-secondary">{{ reason.use }}</span>{% endif %}'
    "</li>\n    {% endfor %}\n  </ul>\n</details>{% endif %}"
)


def test_in_a_page_the_tag_renders_what_the_former_template_did():
    hostile = Reason(id="E9", quote="<i>a</i> & 'b'", source='"s"', use="<u>", kind="seed")
    why = Why(key="k", label="K", reasons=(RULE, SEED, EXTERNAL, hostile))
    tag = Template("{% load plan_tags %}{% why_details why %}").render(Context({"why": why}))
    former = Template(FORMER_TEMPLATE).render(Context({"why": why}))

    def between_tags(html):
        return re.sub(r">\s+<", "><", html)

    assert between_tags(tag) == between_tags(former)
    assert "&lt;i&gt;a&lt;/i&gt; &amp; &#x27;b&#x27;" in tag  # escaped once, not twice


# The include the {% text_block %} tag replaced (planner/includes/text_block.html), verbatim.
FORMER_TEXT_BLOCK = (
    '<section class="text-block" aria-label="{{ block.title|default:block.key }}">\n'
    '  {% if block.title %}<h{{ level|default:3 }} class="h6">{{ block.title }}'
    "</h{{ level|default:3 }}>{% endif %}\n"
    "  {% for paragraph in block.paragraphs %}<p>{{ paragraph }}</p>{% endfor %}\n"
    "  {% if block.bullets %}<ul>{% for bullet in block.bullets %}<li>{{ bullet }}</li>"
    "{% endfor %}</ul>{% endif %}\n"
    "</section>\n"
)

TEXT_BLOCKS = [
    TextBlock("why_move", "Why moving helps", ("One.", "Two."), ("Walk", "Stretch")),
    TextBlock("untitled", "", ("Only a paragraph.",)),
    TextBlock("bullets_only", "Tips", (), ("A tip.",)),
    TextBlock("<k>", "<script>alert('t')</script> & co", ("<b>bold</b> \"quoted\"",),
              ("<img src=x onerror=y>",)),
]


def test_a_text_block_is_a_section_with_its_heading_paragraphs_and_bullets():
    html = text_block(TEXT_BLOCKS[0], level=4)
    assert html == (
        '<section class="text-block" aria-label="Why moving helps">\n'
        '  <h4 class="h6">Why moving helps</h4>\n'
        "  <p>One.</p><p>Two.</p>\n"
        "  <ul><li>Walk</li><li>Stretch</li></ul>\n"
        "</section>\n"
    )


def test_an_untitled_block_is_labelled_by_its_key_and_has_no_heading_or_empty_list():
    html = text_block(TEXT_BLOCKS[1])
    assert 'aria-label="untitled"' in html
    assert "<h" not in html.replace("<section", "") and "<ul>" not in html


def test_text_block_escapes_everything_the_engine_wrote():
    html = text_block(TEXT_BLOCKS[3])
    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; &amp; co" in html
    assert "<p>&lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot;</p>" in html


def test_in_a_page_text_block_renders_exactly_what_the_former_include_did():
    tag = Template("{% load plan_tags %}{% text_block block level=level %}")
    former = Template(FORMER_TEXT_BLOCK)
    for block in TEXT_BLOCKS:
        for level in (3, 4):
            context = {"block": block, "level": level}
            assert tag.render(Context(context)) == former.render(Context(context)), block.key
