"""The Handlebars renderer, pure: variables, escaping, paths, blocks, errors."""

from __future__ import annotations

import pytest

from pytest_ses_verify.model.render import InvalidTemplate, MissingAttribute, escape, render


def test_variables_are_escaped_and_triple_braces_are_not() -> None:
    data = {"name": "Tom & <Jerry>", "q": "'\"`="}
    assert render("Hi {{name}}", data) == "Hi Tom &amp; &lt;Jerry&gt;"
    assert render("Hi {{{name}}}", data) == "Hi Tom & <Jerry>"
    assert render("{{ q }}", data) == "&#x27;&quot;&#x60;&#x3D;"
    assert escape("a&b") == "a&amp;b"


def test_nested_paths_and_javascript_values() -> None:
    data = {"a": {"b": {"c": 1}}, "t": True, "f": 2.0, "n": None, "l": [1, "x"], "o": {}}
    assert render("{{a.b.c}} {{t}} {{f}} [{{n}}] {{l}} {{o}}", data) == (
        "1 true 2 [] 1,x [object Object]"
    )
    assert render("{{l.1}}", data) == "x"


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
