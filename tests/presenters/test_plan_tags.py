"""planner/templatetags/plan_tags.py: {% why_details %}, the "Why?" of a number on a plan page."""


from django.template import Context, Template

from planner.engine.model import TextBlock
from planner.presenters.plan import Reason, Why
from planner.templatetags.plan_tags import text_block, why_details

SEED = Reason(id="E01", quote="At least 150 minutes a week.", use="Target rule R-DOSE-1.",
              kind="seed")
RULE = Reason(id="R-DOSE-1", quote="T = 150", kind="rule")
EXTERNAL = Reason(id="X02", quote="Guidelines (2018)", source="WHO", use="The floor.",
                  kind="external")


def test_a_why_opens_with_its_plain_sentence_then_evidence_then_technical_detail():
    """Issue 22 item 2: the plain sentence first; the verbatim quote and the publication as
    evidence; ids, formulas and uses only under "Technical detail"."""
    why = Why(key="target_minutes", label="Target", reasons=(RULE, SEED, EXTERNAL),
              plain="Target 150 minutes a week: the standard dose.")
    html = why_details(why)
    assert html == (
        '<details class="why">\n'
        "<summary>Why?</summary>\n"
        '<p class="why-plain">Target 150 minutes a week: the standard dose.</p>\n'
        '<ul class="why-evidence">\n'
        "<li><q>At least 150 minutes a week.</q></li>\n"
        '<li>Guidelines (2018) <span class="text-body-secondary">(WHO)</span></li>\n'
        "</ul>\n"
        '<details class="why-technical">\n'
        '<summary>Technical detail <span class="why-ids">R-DOSE-1, E01, X02</span></summary>\n'
        '<ul class="why-list">\n'
        "<li><strong>R-DOSE-1</strong>: T = 150</li>\n"
        '<li><strong>E01</strong><br><span class="text-body-secondary">Target rule R-DOSE-1.'
        "</span></li>\n"
        '<li><strong>X02</strong><br><span class="text-body-secondary">The floor.</span></li>\n'
        "</ul>\n"
        "</details>\n"
        "</details>"
    )
    opening = html.split('<details class="why-technical">')[0]
    assert "R-DOSE" not in opening and "T = 150" not in opening


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
