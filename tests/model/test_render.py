"""The Handlebars renderer, pure: variables, no escaping, paths, blocks, partials, errors.

handlebars.js's own specs are ``test_render_spec.py``; these are SES's differences and
the renderer's own guarantees (errors by construct, linear time, deep nesting).
"""

from __future__ import annotations

import sys

import pytest

from pytest_ses_verify.model.render import InvalidTemplate, MissingAttribute, parse, render


def test_variables_are_not_escaped() -> None:
    """SES Developer Guide, "send-personalized-email-advanced": "SES doesn't escape HTML
    content when rendering the HTML template for a message" -- ``{{x}}`` is ``{{{x}}}``."""
    data = {"name": "Tom & <Jerry>", "q": "'\"`="}
    assert render("Hi {{name}}", data) == "Hi Tom & <Jerry>"
    assert render("Hi {{{name}}}", data) == "Hi Tom & <Jerry>"
    assert render("{{&name}}|{{ q }}", data) == "Tom & <Jerry>|'\"`="


def test_nested_paths_and_javascript_values() -> None:
    data = {"a": {"b": {"c": 1}}, "t": True, "f": 2.0, "n": None, "l": [1, "x"], "o": {}}
    assert render("{{a.b.c}} {{t}} {{f}} [{{n}}] {{l}} {{o}}", data) == (
        "1 true 2 [] 1,x [object Object]"
    )
    assert render("{{l.[1]}} {{l.1.x}}", {**data, "l": [0, {"x": "x"}]}) == "[object Object] x"
    with pytest.raises(InvalidTemplate):  # handlebars.js: "Expecting 'ID', got 'NUMBER'"
        render("{{l.1}}", data)


def test_missing_attribute_names_the_path() -> None:
    with pytest.raises(MissingAttribute, match=r"Attribute 'a\.x' is not present"):
        render("{{a.x}}", {"a": {}})
    with pytest.raises(MissingAttribute) as error:
        render("{{favoriteanimal}}", {"name": "John"})
    assert str(error.value) == "Attribute 'favoriteanimal' is not present in the rendering data."


def test_if_unless_and_else() -> None:
    template = "{{#if x}}yes{{else}}no{{/if}}/{{#unless x}}u{{/unless}}"
    assert render(template, {"x": 1}) == "yes/"
    falsies: tuple[object, ...] = (0, "", [], None, False)
    for falsy in falsies:
        assert render(template, {"x": falsy}) == "no/u"
    assert render(template, {}) == "no/u"
    assert render("{{#if o}}t{{/if}}", {"o": {}}) == "t"


def test_each_over_lists_and_objects() -> None:
    data = {
        "items": [
            {"type": "dog", "name": "bobby", "best": True},
            {"type": "cat", "name": "pedro", "best": False},
        ]
    }
    template = "{{#each items}} {{name}} is {{#if best}}the best{{else}}a {{type}}{{/if}},{{/each}}"
    assert render(template, data) == " bobby is the best, pedro is a cat,"
    assert render(
        "{{#each l}}{{@index}}:{{this}}{{#if @last}}.{{/if}} {{/each}}", {"l": ["a", "b"]}
    ) == ("0:a 1:b. ")
    assert render("{{#each o}}{{@key}}={{this.v}};{{/each}}", {"o": {"k": {"v": 1}}}) == "k=1;"
    assert render("{{#each l}}x{{else}}empty{{/each}}", {"l": []}) == "empty"
    assert render("{{#each l}}{{../top}}{{this}}{{/each}}", {"l": [1], "top": "T"}) == "T1"
    assert render("{{#with a}}{{b}}{{/with}}{{! comment }}", {"a": {"b": 2}}) == "2"


@pytest.mark.parametrize(
    "template",
    ["{{#if x}}", "{{/if}}", "{{#if x}}{{/each}}", "{{else}}", "{{#bogus x}}{{/bogus}}", "{{}}"],
)
def test_unbalanced_templates_are_invalid(template: str) -> None:
    with pytest.raises(InvalidTemplate):
        render(template, {"x": 1})


def test_else_if_chains_block_params_and_data() -> None:
    template = "{{#if a}}A{{else if b}}B{{else unless c}}C{{else}}D{{/if}}"
    assert [render(template, d) for d in ({"a": 1}, {"b": 1}, {"c": 0}, {"c": 1})] == list("ABCD")
    each = "{{#each o as |v k|}}{{k}}={{v}}{{#if @first}}!{{/if}};{{/each}}"
    assert render(each, {"o": {"x": 1, "y": [1, 2]}}) == "x=1!;y=1,2;"
    assert render("{{#with a as |b|}}{{b.c}}{{@root.t}}{{/with}}", {"a": {"c": 2}, "t": 3}) == "23"
    assert (
        render("{{lookup l 1}}{{lookup o k}}{{log x}}", {"l": [5, 6], "o": {"k": 7}, "k": "k"})
        == "67"
    )
    assert (
        render("{{[foo bar]}}{{a.[b c]}}{{a/d}}", {"foo bar": 1, "a": {"b c": 2, "d": 3}}) == "123"
    )
    assert render("{{^x}}none{{/x}}{{#if 0 includeZero=true}}z{{/if}}", {"x": []}) == "nonez"


def test_a_missing_value_in_a_helper_argument_is_falsy_not_an_error() -> None:
    """SES refuses a plain ``{{name}}`` the data lacks; a condition on it is just false."""
    template = "{{#if a.b}}x{{/if}}{{#each l}}y{{else}}e{{/each}}{{#with w}}z{{/with}}"
    assert render(template + "{{lookup . 'nope'}}{{^q}}q{{/q}}", {}) == "eq"
    with pytest.raises(MissingAttribute, match=r"'\.\./x'"):
        render("{{#each l}}{{../x}}{{/each}}", {"l": [1]})
    with pytest.raises(MissingAttribute, match="'@index'"):
        render("{{@index}}", {})


def test_partials_inline_with_context_hash_and_blocks() -> None:
    template = (
        '{{#*inline "card"}}[{{name}}{{#if x}}:{{x}}{{/if}}]{{/inline}}'
        '{{#*inline "box"}}<{{> @partial-block}}>{{/inline}}'
        "{{> card}}{{> card person}}{{> card person x=1}}{{#> box}}in{{/box}}{{#> nope}}fb{{/nope}}"
    )
    data = {"name": "top", "person": {"name": "p"}}
    assert render(template, data) == "[top][p][p:1]<in>fb"
    assert render("a\n  {{> p}}\nb", {}, partials={"p": "1\n2\n"}) == "a\n  1\n  2\nb"


def test_raw_blocks_comments_escapes_and_whitespace_control() -> None:
    template = "{{{{raw}}}}{{x}}{{{{/raw}}}} \\{{x}} {{!-- {{x}} --}}{{! c }} {{~x~}} ."
    assert render(template, {"x": 1}) == "{{x}} {{x}} 1."
    assert render(
        "<ul>\n  {{#each l}}\n  <li>{{this}}</li>\n  {{/each}}\n</ul>", {"l": [1, 2]}
    ) == ("<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>")
    assert render("{{a\n}}", {"a": True}) == "true"


@pytest.mark.parametrize(
    ("template", "construct"),
    [
        ("{{#foo bar}}x{{/foo}}", "block helper"),
        ("{{foo bar}}", "helper 'foo'"),
        ("{{#if}}x{{/if}}", "exactly one argument"),
        ("{{if x}}", "needs a block"),
        ("{{> nowhere}}", "partial nowhere"),
        ("{{#if x}}{{/each}}", "doesn't match"),
        ("{{#each l}}", "not closed"),
        ("{{* deco}}", "Decorators"),
        ("{{a/../b}}", "Invalid path"),
    ],
)
def test_constructs_ses_refuses_fail_at_parse_naming_them(template: str, construct: str) -> None:
    with pytest.raises(InvalidTemplate, match=construct):
        parse(template)


def _calls(template: str) -> int:
    """Python and builtin function calls made to parse and render ``template``: a
    deterministic measure of the work, unlike a clock."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        count += event in ("call", "c_call")

    sys.setprofile(profile)
    try:
        render(template, {"x": 1, "y": True})
    finally:
        sys.setprofile(None)
    return count


def test_a_500_kb_template_renders_and_the_work_is_linear() -> None:
    """Twice the template is twice the work (no wall-clock assertion): no quadratic
    tokenizing, parsing, whitespace control or string building."""
    unit = "{{x}} text {{#if y}}z{{/if}}\n  {{#each l}}{{/each}}\n"
    copies = 500_000 // len(unit)
    assert render(unit * copies, {"x": 1, "y": True, "l": []}) == "1 text z\n  \n" * copies
    small, large = (
        _calls(unit.replace("l}}", "y}}") * 500),
        _calls(unit.replace("l}}", "y}}") * 1000),
    )
    assert 1.95 < large / small < 2.05, (small, large)


def test_deep_nesting_is_invalid_not_a_crash() -> None:
    template = "{{#if x}}" * 5000 + "y" + "{{/if}}" * 5000
    with pytest.raises(InvalidTemplate, match="nested too deeply"):
        render(template, {"x": 1})


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{#foo bar}}x{{/foo}}", "Unknown block helper 'foo' in {{#foo bar}}"),
        ("{{> (foo)}}", "Unknown helper 'foo' in {{> (foo)}}"),
        ("{{#> p}}a{{else}}b{{/p}}", "Unexpected {{else}}: {{else}}"),
        ("{{upper name}}", "Unknown helper 'upper' in {{upper name}}"),
    ],
)
def test_the_error_names_the_tag(template: str, message: str) -> None:
    with pytest.raises(InvalidTemplate) as error:
        parse(template)
    assert str(error.value) == message
