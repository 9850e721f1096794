# ruff: noqa: E501 (the cases are handlebars.js's templates, kept on one line each)
"""handlebars.js's own specs, as data: SES renders with Handlebars, so must the fake.

The cases come from handlebars-lang/handlebars.js (``spec/basic.js``, ``spec/blocks.js``,
``spec/builtins.js``, ``spec/partials.js``, ``spec/whitespace-control.js``,
``spec/data.js``): every ``expectTemplate`` whose input is a JSON object and that needs
no custom helper, decorator, JavaScript function in its data, or compile or runtime
option. Each is (source spec file / test name, template, data as JSON, partials,
expected): handlebars.js's output, except where SES differs, each marked on its line:

* ``# SES does not escape HTML``: SES Developer Guide, "send-personalized-email-advanced":
  "SES doesn't escape HTML content when rendering the HTML template for a message".
* ``# SES: the plain variable is not in the data``: SES answers
  ``MissingRenderingAttributeException`` ("Attribute '<name>' is not present in the
  rendering data."); handlebars.js prints nothing.
* ``{{#name}}`` whose name is not a helper is a section, as in handlebars.js
  (``blockHelperMissing``): no source says SES refuses it, so it renders (the expected
  outputs come from handlebars.js 4, run with ``noEscape``). A string literal as a block
  name (``{{#"foo"}}``) is refused (chosen).

A case handlebars.js answers with an error expects ``InvalidTemplate``.
"""

from __future__ import annotations

import json
from typing import NamedTuple

import pytest

from pytest_ses_verify.model.render import InvalidTemplate, MissingAttribute, render

MISSING = MissingAttribute
INVALID = InvalidTemplate


class Case(NamedTuple):
    source: str
    template: str
    data: str
    partials: dict[str, str]
    expected: str | type[Exception]


CASES = [
    Case("basic.js: basic context / most basic", "{{foo}}", '{"foo": "foo"}', {}, "foo"),
    Case("basic.js: basic context / escaping", "\\{{foo}}", '{"foo": "food"}', {}, "{{foo}}"),
    Case(
        "basic.js: basic context / escaping",
        "content \\{{foo}}",
        '{"foo": "food"}',
        {},
        "content {{foo}}",
    ),
    Case("basic.js: basic context / escaping", "\\\\{{foo}}", '{"foo": "food"}', {}, "\\food"),
    Case(
        "basic.js: basic context / escaping",
        "content \\\\{{foo}}",
        '{"foo": "food"}',
        {},
        "content \\food",
    ),
    Case("basic.js: basic context / escaping", "\\\\ {{foo}}", '{"foo": "food"}', {}, "\\\\ food"),
    Case(
        "basic.js: basic context / compiling with a basic context",
        "Goodbye\n{{cruel}}\n{{world}}!",
        '{"cruel": "cruel", "world": "world"}',
        {},
        "Goodbye\ncruel\nworld!",
    ),
    Case(
        "basic.js: basic context / comments",
        "{{! Goodbye}}Goodbye\n{{cruel}}\n{{world}}!",
        '{"cruel": "cruel", "world": "world"}',
        {},
        "Goodbye\ncruel\nworld!",
    ),
    Case("basic.js: basic context / comments", "    {{~! comment ~}}      blah", "{}", {}, "blah"),
    Case(
        "basic.js: basic context / comments",
        "    {{~!-- long-comment --~}}      blah",
        "{}",
        {},
        "blah",
    ),
    Case(
        "basic.js: basic context / comments", "    {{! comment ~}}      blah", "{}", {}, "    blah"
    ),
    Case(
        "basic.js: basic context / comments",
        "    {{!-- long-comment --~}}      blah",
        "{}",
        {},
        "    blah",
    ),
    Case(
        "basic.js: basic context / comments", "    {{~! comment}}      blah", "{}", {}, "      blah"
    ),
    Case(
        "basic.js: basic context / comments",
        "    {{~!-- long-comment --}}      blah",
        "{}",
        {},
        "      blah",
    ),
    Case(
        "basic.js: basic context / boolean",
        "{{#goodbye}}GOODBYE {{/goodbye}}cruel {{world}}!",
        '{"goodbye": true, "world": "world"}',
        {},
        "GOODBYE cruel world!",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "basic.js: basic context / boolean",
        "{{#goodbye}}GOODBYE {{/goodbye}}cruel {{world}}!",
        '{"goodbye": false, "world": "world"}',
        {},
        "cruel world!",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "basic.js: basic context / zeros",
        "num1: {{num1}}, num2: {{num2}}",
        '{"num1": 42, "num2": 0}',
        {},
        "num1: 42, num2: 0",
    ),
    Case(
        "basic.js: basic context / zeros",
        "num: {{num1/num2}}",
        '{"num1": {"num2": 0}}',
        {},
        "num: 0",
    ),
    Case(
        "basic.js: basic context / does not add adjacent numeric values with noEscape or raw mustaches",
        "{{{a}}}{{{b}}}",
        '{"a": 1, "b": 2}',
        {},
        "12",
    ),
    Case(
        "basic.js: basic context / false",
        "val: {{val1/val2}}",
        '{"val1": {"val2": false}}',
        {},
        "val: false",
    ),
    Case(
        "basic.js: basic context / false",
        "val: {{{val1/val2}}}",
        '{"val1": {"val2": false}}',
        {},
        "val: false",
    ),
    Case("basic.js: basic context / newlines", "Alan's\nTest", "{}", {}, "Alan's\nTest"),
    Case("basic.js: basic context / newlines", "Alan's\rTest", "{}", {}, "Alan's\rTest"),
    Case("basic.js: basic context / escaping text", "Awesome's", "{}", {}, "Awesome's"),
    Case("basic.js: basic context / escaping text", "Awesome\\", "{}", {}, "Awesome\\"),
    Case("basic.js: basic context / escaping text", "Awesome\\\\ foo", "{}", {}, "Awesome\\\\ foo"),
    Case(
        "basic.js: basic context / escaping text",
        "Awesome {{foo}}",
        '{"foo": "\\\\"}',
        {},
        "Awesome \\",
    ),
    Case("basic.js: basic context / escaping text", " ' ' ", "{}", {}, " ' ' "),
    Case(
        "basic.js: basic context / escaping expressions",
        "{{{awesome}}}",
        '{"awesome": "&\'\\\\<>"}',
        {},
        "&'\\<>",
    ),
    Case(
        "basic.js: basic context / escaping expressions",
        "{{&awesome}}",
        '{"awesome": "&\'\\\\<>"}',
        {},
        "&'\\<>",
    ),
    Case(
        "basic.js: basic context / escaping expressions",
        "{{awesome}}",
        '{"awesome": "&\\"\'`\\\\<>"}',
        {},
        "&\"'`\\<>",
    ),  # SES does not escape HTML (handlebars.js: escaped)
    Case(
        "basic.js: basic context / escaping expressions",
        "{{awesome}}",
        '{"awesome": "Escaped, <b> looks like: &lt;b&gt;"}',
        {},
        "Escaped, <b> looks like: &lt;b&gt;",
    ),  # SES does not escape HTML (handlebars.js: escaped)
    Case(
        "basic.js: basic context / paths with hyphens",
        "{{foo-bar}}",
        '{"foo-bar": "baz"}',
        {},
        "baz",
    ),
    Case(
        "basic.js: basic context / paths with hyphens",
        "{{foo.foo-bar}}",
        '{"foo": {"foo-bar": "baz"}}',
        {},
        "baz",
    ),
    Case(
        "basic.js: basic context / paths with hyphens",
        "{{foo/foo-bar}}",
        '{"foo": {"foo-bar": "baz"}}',
        {},
        "baz",
    ),
    Case(
        "basic.js: basic context / nested paths",
        "Goodbye {{alan/expression}} world!",
        '{"alan": {"expression": "beautiful"}}',
        {},
        "Goodbye beautiful world!",
    ),
    Case(
        "basic.js: basic context / nested paths with empty string value",
        "Goodbye {{alan/expression}} world!",
        '{"alan": {"expression": ""}}',
        {},
        "Goodbye  world!",
    ),
    Case(
        "basic.js: basic context / literal paths",
        "Goodbye {{[@alan]/expression}} world!",
        '{"@alan": {"expression": "beautiful"}}',
        {},
        "Goodbye beautiful world!",
    ),
    Case(
        "basic.js: basic context / literal paths",
        "Goodbye {{[foo bar]/expression}} world!",
        '{"foo bar": {"expression": "beautiful"}}',
        {},
        "Goodbye beautiful world!",
    ),
    Case(
        "basic.js: basic context / literal references",
        "Goodbye {{[foo bar]}} world!",
        '{"foo bar": "beautiful"}',
        {},
        "Goodbye beautiful world!",
    ),
    Case(
        "basic.js: basic context / literal references",
        'Goodbye {{"foo bar"}} world!',
        '{"foo bar": "beautiful"}',
        {},
        "Goodbye beautiful world!",
    ),
    Case(
        "basic.js: basic context / literal references",
        "Goodbye {{'foo bar'}} world!",
        '{"foo bar": "beautiful"}',
        {},
        "Goodbye beautiful world!",
    ),
    Case(
        "basic.js: basic context / literal references",
        'Goodbye {{"foo[bar"}} world!',
        '{"foo[bar": "beautiful"}',
        {},
        "Goodbye beautiful world!",
    ),
    Case(
        "basic.js: basic context / literal references",
        'Goodbye {{"foo\'bar"}} world!',
        '{"foo\'bar": "beautiful"}',
        {},
        "Goodbye beautiful world!",
    ),
    Case(
        "basic.js: basic context / literal references",
        "Goodbye {{'foo\"bar'}} world!",
        '{"foo\\"bar": "beautiful"}',
        {},
        "Goodbye beautiful world!",
    ),
    Case(
        "basic.js: basic context / complex but empty paths",
        "{{person/name}}",
        '{"person": {"name": null}}',
        {},
        "",
    ),
    Case(
        "basic.js: basic context / complex but empty paths",
        "{{person/name}}",
        '{"person": {}}',
        {},
        MISSING,
    ),  # SES: the plain variable is not in the data (handlebars.js: empty)
    Case(
        "basic.js: basic context / this keyword in paths",
        "{{#goodbyes}}{{this}}{{/goodbyes}}",
        '{"goodbyes": ["goodbye", "Goodbye", "GOODBYE"]}',
        {},
        "goodbyeGoodbyeGOODBYE",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "basic.js: basic context / this keyword in paths",
        "{{#hellos}}{{this/text}}{{/hellos}}",
        '{"hellos": [{"text": "hello"}, {"text": "Hello"}, {"text": "HELLO"}]}',
        {},
        "helloHelloHELLO",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "basic.js: basic context / this keyword nested inside path",
        "{{#hellos}}{{text/this/foo}}{{/hellos}}",
        "{}",
        {},
        INVALID,
    ),
    Case(
        "basic.js: basic context / this keyword nested inside path",
        "{{[this]}}",
        '{"this": "bar"}',
        {},
        "bar",
    ),
    Case(
        "basic.js: basic context / this keyword nested inside path",
        "{{text/[this]}}",
        '{"text": {"this": "bar"}}',
        {},
        "bar",
    ),
    Case(
        "basic.js: basic context / this keyword nested inside helpers param",
        "{{#hellos}}{{foo text/this/foo}}{{/hellos}}",
        "{}",
        {},
        INVALID,
    ),
    Case(
        "basic.js: basic context / pass string literals", '{{"foo"}}', "{}", {}, MISSING
    ),  # SES: the plain variable is not in the data (handlebars.js: empty)
    Case(
        "basic.js: basic context / pass string literals", '{{"foo"}}', '{"foo": "bar"}', {}, "bar"
    ),
    Case(
        "basic.js: basic context / pass string literals",
        '{{#"foo"}}{{.}}{{/"foo"}}',
        '{"foo": ["bar", "baz"]}',
        {},
        INVALID,
    ),  # SES: no such block helper (a literal block name; chosen)
    Case(
        "basic.js: basic context / pass number literals", "{{12}}", "{}", {}, MISSING
    ),  # SES: the plain variable is not in the data (handlebars.js: empty)
    Case("basic.js: basic context / pass number literals", "{{12}}", '{"12": "bar"}', {}, "bar"),
    Case(
        "basic.js: basic context / pass number literals", "{{12.34}}", "{}", {}, MISSING
    ),  # SES: the plain variable is not in the data (handlebars.js: empty)
    Case(
        "basic.js: basic context / pass number literals", "{{12.34}}", '{"12.34": "bar"}', {}, "bar"
    ),
    Case(
        "basic.js: basic context / pass boolean literals", "{{true}}", "{}", {}, MISSING
    ),  # SES: the plain variable is not in the data (handlebars.js: empty)
    Case(
        "basic.js: basic context / pass boolean literals", "{{true}}", '{"": "foo"}', {}, MISSING
    ),  # SES: the plain variable is not in the data (handlebars.js: empty)
    Case(
        "basic.js: basic context / pass boolean literals",
        "{{false}}",
        '{"false": "foo"}',
        {},
        "foo",
    ),
    Case(
        "blocks.js: blocks / array",
        "{{#goodbyes}}{{text}}! {{/goodbyes}}cruel {{world}}!",
        '{"goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}, {"text": "GOODBYE"}], "world": "world"}',
        {},
        "goodbye! Goodbye! GOODBYE! cruel world!",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / array",
        "{{#goodbyes}}{{text}}! {{/goodbyes}}cruel {{world}}!",
        '{"goodbyes": [], "world": "world"}',
        {},
        "cruel world!",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / array with @index",
        "{{#goodbyes}}{{@index}}. {{text}}! {{/goodbyes}}cruel {{world}}!",
        '{"goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}, {"text": "GOODBYE"}], "world": "world"}',
        {},
        "0. goodbye! 1. Goodbye! 2. GOODBYE! cruel world!",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / empty block",
        "{{#goodbyes}}{{/goodbyes}}cruel {{world}}!",
        '{"goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}, {"text": "GOODBYE"}], "world": "world"}',
        {},
        "cruel world!",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / empty block",
        "{{#goodbyes}}{{/goodbyes}}cruel {{world}}!",
        '{"goodbyes": [], "world": "world"}',
        {},
        "cruel world!",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / block with complex lookup",
        "{{#goodbyes}}{{text}} cruel {{../name}}! {{/goodbyes}}",
        '{"name": "Alan", "goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}, {"text": "GOODBYE"}]}',
        {},
        "goodbye cruel Alan! Goodbye cruel Alan! GOODBYE cruel Alan! ",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / multiple blocks with complex lookup",
        "{{#goodbyes}}{{../name}}{{../name}}{{/goodbyes}}",
        '{"name": "Alan", "goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}, {"text": "GOODBYE"}]}',
        {},
        "AlanAlanAlanAlanAlanAlan",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / block with complex lookup using nested context",
        "{{#goodbyes}}{{text}} cruel {{foo/../name}}! {{/goodbyes}}",
        "{}",
        {},
        INVALID,
    ),
    Case(
        "blocks.js: blocks / block with deep nested complex lookup",
        "{{#outer}}Goodbye {{#inner}}cruel {{../sibling}} {{../../omg}}{{/inner}}{{/outer}}",
        '{"omg": "OMG!", "outer": [{"sibling": "sad", "inner": [{"text": "goodbye"}]}]}',
        {},
        "Goodbye cruel sad OMG!",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / inverted sections / inverted sections with unset value",
        "{{#goodbyes}}{{this}}{{/goodbyes}}{{^goodbyes}}Right On!{{/goodbyes}}",
        "{}",
        {},
        "Right On!",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / inverted sections / inverted section with false value",
        "{{#goodbyes}}{{this}}{{/goodbyes}}{{^goodbyes}}Right On!{{/goodbyes}}",
        '{"goodbyes": false}',
        {},
        "Right On!",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / inverted sections / inverted section with empty set",
        "{{#goodbyes}}{{this}}{{/goodbyes}}{{^goodbyes}}Right On!{{/goodbyes}}",
        '{"goodbyes": []}',
        {},
        "Right On!",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / inverted sections / block inverted sections",
        "{{#people}}{{name}}{{^}}{{none}}{{/people}}",
        '{"none": "No people"}',
        {},
        "No people",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / inverted sections / chained inverted sections",
        "{{#people}}{{name}}{{else if none}}{{none}}{{/people}}",
        '{"none": "No people"}',
        {},
        "No people",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / inverted sections / chained inverted sections",
        "{{#people}}{{name}}{{else if nothere}}fail{{else unless nothere}}{{none}}{{/people}}",
        '{"none": "No people"}',
        {},
        "No people",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / inverted sections / chained inverted sections",
        "{{#people}}{{name}}{{else if none}}{{none}}{{else}}fail{{/people}}",
        '{"none": "No people"}',
        {},
        "No people",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / inverted sections / chained inverted sections with mismatch",
        "{{#people}}{{name}}{{else if none}}{{none}}{{/if}}",
        "{}",
        {},
        INVALID,
    ),
    Case(
        "blocks.js: blocks / inverted sections / block inverted sections with empty arrays",
        "{{#people}}{{name}}{{^}}{{none}}{{/people}}",
        '{"none": "No people", "people": []}',
        {},
        "No people",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / standalone sections / block standalone else sections",
        "{{#people}}\n{{name}}\n{{^}}\n{{none}}\n{{/people}}\n",
        '{"none": "No people"}',
        {},
        "No people\n",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / standalone sections / block standalone else sections",
        "{{#none}}\n{{.}}\n{{^}}\n{{none}}\n{{/none}}\n",
        '{"none": "No people"}',
        {},
        "No people\n",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / standalone sections / block standalone else sections",
        "{{#people}}\n{{name}}\n{{^}}\n{{none}}\n{{/people}}\n",
        '{"none": "No people"}',
        {},
        "No people\n",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / standalone sections / block standalone chained else sections",
        "{{#people}}\n{{name}}\n{{else if none}}\n{{none}}\n{{/people}}\n",
        '{"none": "No people"}',
        {},
        "No people\n",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / standalone sections / block standalone chained else sections",
        "{{#people}}\n{{name}}\n{{else if none}}\n{{none}}\n{{^}}\n{{/people}}\n",
        '{"none": "No people"}',
        {},
        "No people\n",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "blocks.js: blocks / standalone sections / should handle nesting",
        "{{#data}}\n{{#if true}}\n{{.}}\n{{/if}}\n{{/data}}\nOK.",
        '{"data": [1, 3, 5]}',
        {},
        "1\n3\n5\nOK.",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "builtins.js: builtin helpers / #if / if",
        "{{#if goodbye}}GOODBYE {{/if}}cruel {{world}}!",
        '{"goodbye": true, "world": "world"}',
        {},
        "GOODBYE cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #if / if",
        "{{#if goodbye}}GOODBYE {{/if}}cruel {{world}}!",
        '{"goodbye": "dummy", "world": "world"}',
        {},
        "GOODBYE cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #if / if",
        "{{#if goodbye}}GOODBYE {{/if}}cruel {{world}}!",
        '{"goodbye": false, "world": "world"}',
        {},
        "cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #if / if",
        "{{#if goodbye}}GOODBYE {{/if}}cruel {{world}}!",
        '{"world": "world"}',
        {},
        "cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #if / if",
        "{{#if goodbye}}GOODBYE {{/if}}cruel {{world}}!",
        '{"goodbye": ["foo"], "world": "world"}',
        {},
        "GOODBYE cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #if / if",
        "{{#if goodbye}}GOODBYE {{/if}}cruel {{world}}!",
        '{"goodbye": [], "world": "world"}',
        {},
        "cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #if / if",
        "{{#if goodbye}}GOODBYE {{/if}}cruel {{world}}!",
        '{"goodbye": 0, "world": "world"}',
        {},
        "cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #if / if",
        "{{#if goodbye includeZero=true}}GOODBYE {{/if}}cruel {{world}}!",
        '{"goodbye": 0, "world": "world"}',
        {},
        "GOODBYE cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #if / should not change the depth list",
        "{{#with foo}}{{#if goodbye}}GOODBYE cruel {{../world}}!{{/if}}{{/with}}",
        '{"foo": {"goodbye": true}, "world": "world"}',
        {},
        "GOODBYE cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #with / with",
        "{{#with person}}{{first}} {{last}}{{/with}}",
        '{"person": {"first": "Alan", "last": "Johnson"}}',
        {},
        "Alan Johnson",
    ),
    Case(
        "builtins.js: builtin helpers / #with / with with else",
        "{{#with person}}Person is present{{else}}Person is not present{{/with}}",
        "{}",
        {},
        "Person is not present",
    ),
    Case(
        "builtins.js: builtin helpers / #with / with provides block parameter",
        "{{#with person as |foo|}}{{foo.first}} {{last}}{{/with}}",
        '{"person": {"first": "Alan", "last": "Johnson"}}',
        {},
        "Alan Johnson",
    ),
    Case(
        "builtins.js: builtin helpers / #each / each",
        "{{#each goodbyes}}{{text}}! {{/each}}cruel {{world}}!",
        '{"goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}, {"text": "GOODBYE"}], "world": "world"}',
        {},
        "goodbye! Goodbye! GOODBYE! cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #each / each",
        "{{#each goodbyes}}{{text}}! {{/each}}cruel {{world}}!",
        '{"goodbyes": [], "world": "world"}',
        {},
        "cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #each / each with @index",
        "{{#each goodbyes}}{{@index}}. {{text}}! {{/each}}cruel {{world}}!",
        '{"goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}, {"text": "GOODBYE"}], "world": "world"}',
        {},
        "0. goodbye! 1. Goodbye! 2. GOODBYE! cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #each / each with nested @index",
        "{{#each goodbyes}}{{@index}}. {{text}}! {{#each ../goodbyes}}{{@index}} {{/each}}After {{@index}} {{/each}}{{@index}}cruel {{world}}!",
        '{"goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}, {"text": "GOODBYE"}], "world": "world"}',
        {},
        MISSING,
    ),  # SES: the plain variable is not in the data (handlebars.js: empty)
    Case(
        "builtins.js: builtin helpers / #each / each with block params",
        "{{#each goodbyes as |value index|}}{{index}}. {{value.text}}! {{#each ../goodbyes as |childValue childIndex|}} {{index}} {{childIndex}}{{/each}} After {{index}} {{/each}}{{index}}cruel {{world}}!",
        '{"goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}], "world": "world"}',
        {},
        MISSING,
    ),  # SES: the plain variable is not in the data (handlebars.js: empty)
    Case(
        "builtins.js: builtin helpers / #each / each object with @index",
        "{{#each goodbyes}}{{@index}}. {{text}}! {{/each}}cruel {{world}}!",
        '{"goodbyes": {"a": {"text": "goodbye"}, "b": {"text": "Goodbye"}, "c": {"text": "GOODBYE"}}, "world": "world"}',
        {},
        "0. goodbye! 1. Goodbye! 2. GOODBYE! cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #each / each with @first",
        "{{#each goodbyes}}{{#if @first}}{{text}}! {{/if}}{{/each}}cruel {{world}}!",
        '{"goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}, {"text": "GOODBYE"}], "world": "world"}',
        {},
        "goodbye! cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #each / each with nested @first",
        "{{#each goodbyes}}({{#if @first}}{{text}}! {{/if}}{{#each ../goodbyes}}{{#if @first}}{{text}}!{{/if}}{{/each}}{{#if @first}} {{text}}!{{/if}}) {{/each}}cruel {{world}}!",
        '{"goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}, {"text": "GOODBYE"}], "world": "world"}',
        {},
        "(goodbye! goodbye! goodbye!) (goodbye!) (goodbye!) cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #each / each object with @first",
        "{{#each goodbyes}}{{#if @first}}{{text}}! {{/if}}{{/each}}cruel {{world}}!",
        '{"goodbyes": {"foo": {"text": "goodbye"}, "bar": {"text": "Goodbye"}}, "world": "world"}',
        {},
        "goodbye! cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #each / each with @last",
        "{{#each goodbyes}}{{#if @last}}{{text}}! {{/if}}{{/each}}cruel {{world}}!",
        '{"goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}, {"text": "GOODBYE"}], "world": "world"}',
        {},
        "GOODBYE! cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #each / each object with @last",
        "{{#each goodbyes}}{{#if @last}}{{text}}! {{/if}}{{/each}}cruel {{world}}!",
        '{"goodbyes": {"foo": {"text": "goodbye"}, "bar": {"text": "Goodbye"}}, "world": "world"}',
        {},
        "Goodbye! cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #each / each with nested @last",
        "{{#each goodbyes}}({{#if @last}}{{text}}! {{/if}}{{#each ../goodbyes}}{{#if @last}}{{text}}!{{/if}}{{/each}}{{#if @last}} {{text}}!{{/if}}) {{/each}}cruel {{world}}!",
        '{"goodbyes": [{"text": "goodbye"}, {"text": "Goodbye"}, {"text": "GOODBYE"}], "world": "world"}',
        {},
        "(GOODBYE!) (GOODBYE!) (GOODBYE! GOODBYE! GOODBYE!) cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #each / each with function argument",
        "{{#each goodbyes}}{{text}}! {{/each}}cruel {{world}}!",
        '{"goodbyes": [], "world": "world"}',
        {},
        "cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #each / each object when last key is an empty string",
        "{{#each goodbyes}}{{@index}}. {{text}}! {{/each}}cruel {{world}}!",
        '{"goodbyes": {"a": {"text": "goodbye"}, "b": {"text": "Goodbye"}, "": {"text": "GOODBYE"}}, "world": "world"}',
        {},
        "0. goodbye! 1. Goodbye! 2. GOODBYE! cruel world!",
    ),
    Case(
        "builtins.js: builtin helpers / #log / should call logger at default level",
        "{{log blah}}",
        '{"blah": "whee"}',
        {},
        "",
    ),
    Case(
        "builtins.js: builtin helpers / #log / should output to info",
        "{{log blah}}",
        '{"blah": "whee"}',
        {},
        "",
    ),
    Case(
        "builtins.js: builtin helpers / #log / should handle hash log levels",
        '{{log blah level="error"}}',
        '{"blah": "whee"}',
        {},
        "",
    ),
    Case(
        "builtins.js: builtin helpers / #log / should handle hash log levels",
        '{{log blah level="debug"}}',
        '{"blah": "whee"}',
        {},
        "",
    ),
    Case(
        "builtins.js: builtin helpers / #log / should pass multiple log arguments",
        '{{log blah "foo" 1}}',
        '{"blah": "whee"}',
        {},
        "",
    ),
    Case(
        "builtins.js: builtin helpers / #log / should pass zero log arguments",
        "{{log}}",
        '{"blah": "whee"}',
        {},
        "",
    ),
    Case(
        "builtins.js: builtin helpers / #lookup / should lookup arbitrary content",
        "{{#each goodbyes}}{{lookup ../data .}}{{/each}}",
        '{"goodbyes": [0, 1], "data": ["foo", "bar"]}',
        {},
        "foobar",
    ),
    Case(
        "builtins.js: builtin helpers / #lookup / should not fail on undefined value",
        "{{#each goodbyes}}{{lookup ../bar .}}{{/each}}",
        '{"goodbyes": [0, 1], "data": ["foo", "bar"]}',
        {},
        "",
    ),
    Case(
        "partials.js: partials / basic partials",
        "Dudes: {{#dudes}}{{> dude}}{{/dudes}}",
        '{"dudes": [{"name": "Yehuda", "url": "http://yehuda"}, {"name": "Alan", "url": "http://alan"}]}',
        {"dude": "{{name}} ({{url}}) "},
        "Dudes: Yehuda (http://yehuda) Alan (http://alan) ",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "partials.js: partials / partials with context",
        "Dudes: {{>dude dudes}}",
        '{"dudes": [{"name": "Yehuda", "url": "http://yehuda"}, {"name": "Alan", "url": "http://alan"}]}',
        {"dude": "{{#this}}{{name}} ({{url}}) {{/this}}"},
        "Dudes: Yehuda (http://yehuda) Alan (http://alan) ",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "partials.js: partials / partials with string context",
        'Dudes: {{>dude "dudes"}}',
        "{}",
        {"dude": "{{.}}"},
        "Dudes: dudes",
    ),
    Case(
        "partials.js: partials / partials with undefined context",
        "Dudes: {{>dude dudes}}",
        "{}",
        {"dude": "{{foo}} Empty"},
        MISSING,
    ),  # SES: the plain variable is not in the data (handlebars.js: empty)
    Case(
        "partials.js: partials / partials with duplicate parameters",
        "Dudes: {{>dude dudes foo bar=baz}}",
        "{}",
        {},
        INVALID,
    ),
    Case(
        "partials.js: partials / partials with parameters",
        "Dudes: {{#dudes}}{{> dude others=..}}{{/dudes}}",
        '{"foo": "bar", "dudes": [{"name": "Yehuda", "url": "http://yehuda"}, {"name": "Alan", "url": "http://alan"}]}',
        {"dude": "{{others.foo}}{{name}} ({{url}}) "},
        "Dudes: barYehuda (http://yehuda) barAlan (http://alan) ",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "partials.js: partials / partial in a partial",
        "Dudes: {{#dudes}}{{>dude}}{{/dudes}}",
        '{"dudes": [{"name": "Yehuda", "url": "http://yehuda"}, {"name": "Alan", "url": "http://alan"}]}',
        {"dude": "{{name}} {{> url}} ", "url": '<a href="{{url}}">{{url}}</a>'},
        'Dudes: Yehuda <a href="http://yehuda">http://yehuda</a> Alan <a href="http://alan">http://alan</a> ',
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "partials.js: partials / GH-14: a partial preceding a selector",
        "Dudes: {{>dude}} {{anotherDude}}",
        '{"name": "Jeepers", "anotherDude": "Creepers"}',
        {"dude": "{{name}}"},
        "Dudes: Jeepers Creepers",
    ),
    Case(
        "partials.js: partials / Partials with slash paths",
        "Dudes: {{> shared/dude}}",
        '{"name": "Jeepers", "anotherDude": "Creepers"}',
        {"shared/dude": "{{name}}"},
        "Dudes: Jeepers",
    ),
    Case(
        "partials.js: partials / Partials with slash and point paths",
        "Dudes: {{> shared/dude.thing}}",
        '{"name": "Jeepers", "anotherDude": "Creepers"}',
        {"shared/dude.thing": "{{name}}"},
        "Dudes: Jeepers",
    ),
    Case(
        "partials.js: partials / Partials with integer path",
        "Dudes: {{> 404}}",
        '{"name": "Jeepers", "anotherDude": "Creepers"}',
        {"404": "{{name}}"},
        "Dudes: Jeepers",
    ),
    Case(
        "partials.js: partials / Partials with complex path",
        "Dudes: {{> 404/asdf?.bar}}",
        '{"name": "Jeepers", "anotherDude": "Creepers"}',
        {"404/asdf?.bar": "{{name}}"},
        "Dudes: Jeepers",
    ),
    Case(
        "partials.js: partials / Partials with escaped",
        "Dudes: {{> [+404/asdf?.bar]}}",
        '{"name": "Jeepers", "anotherDude": "Creepers"}',
        {"+404/asdf?.bar": "{{name}}"},
        "Dudes: Jeepers",
    ),
    Case(
        "partials.js: partials / Partials with string",
        "Dudes: {{> '+404/asdf?.bar'}}",
        '{"name": "Jeepers", "anotherDude": "Creepers"}',
        {"+404/asdf?.bar": "{{name}}"},
        "Dudes: Jeepers",
    ),
    Case(
        "partials.js: partials / should handle empty partial",
        "Dudes: {{#dudes}}{{> dude}}{{/dudes}}",
        '{"dudes": [{"name": "Yehuda", "url": "http://yehuda"}, {"name": "Alan", "url": "http://alan"}]}',
        {"dude": ""},
        "Dudes: ",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "partials.js: partials / partial blocks / should render partial block as default",
        "{{#> dude}}success{{/dude}}",
        "{}",
        {},
        "success",
    ),
    Case(
        "partials.js: partials / partial blocks / should execute default block with proper context",
        "{{#> dude context}}{{value}}{{/dude}}",
        '{"context": {"value": "success"}}',
        {},
        "success",
    ),
    Case(
        "partials.js: partials / partial blocks / should propagate block parameters to default block",
        "{{#with context as |me|}}{{#> dude}}{{me.value}}{{/dude}}{{/with}}",
        '{"context": {"value": "success"}}',
        {},
        "success",
    ),
    Case(
        "partials.js: partials / partial blocks / should not use partial block if partial exists",
        "{{#> dude}}fail{{/dude}}",
        "{}",
        {"dude": "success"},
        "success",
    ),
    Case(
        "partials.js: partials / partial blocks / should render block from partial",
        "{{#> dude}}success{{/dude}}",
        "{}",
        {"dude": "{{> @partial-block }}"},
        "success",
    ),
    Case(
        "partials.js: partials / partial blocks / should be able to render the partial-block twice",
        "{{#> dude}}success{{/dude}}",
        "{}",
        {"dude": "{{> @partial-block }} {{> @partial-block }}"},
        "success success",
    ),
    Case(
        "partials.js: partials / partial blocks / should render block from partial with context",
        "{{#> dude}}{{value}}{{/dude}}",
        '{"context": {"value": "success"}}',
        {"dude": "{{#with context}}{{> @partial-block }}{{/with}}"},
        "success",
    ),
    Case(
        "partials.js: partials / partial blocks / should be able to access the @data frame from a partial-block",
        "{{#> dude}}in-block: {{@root/value}}{{/dude}}",
        '{"value": "success"}',
        {"dude": "<code>before-block: {{@root/value}} {{>   @partial-block }}</code>"},
        "<code>before-block: success in-block: success</code>",
    ),
    Case(
        "partials.js: partials / partial blocks / should allow the #each-helper to be used along with partial-blocks",
        "<template>{{#> list value}}value = {{.}}{{/list}}</template>",
        '{"value": ["a", "b", "c"]}',
        {"list": "<list>{{#each .}}<item>{{> @partial-block}}</item>{{/each}}</list>"},
        "<template><list><item>value = a</item><item>value = b</item><item>value = c</item></list></template>",
    ),
    Case(
        "partials.js: partials / partial blocks / should render block from partial with context (twice)",
        "{{#> dude}}{{value}}{{/dude}}",
        '{"context": {"value": "success"}}',
        {"dude": "{{#with context}}{{> @partial-block }} {{> @partial-block }}{{/with}}"},
        "success success",
    ),
    Case(
        "partials.js: partials / partial blocks / should render block from partial with context",
        "{{#> dude}}{{../context/value}}{{/dude}}",
        '{"context": {"value": "success"}}',
        {"dude": "{{#with context}}{{> @partial-block }}{{/with}}"},
        "success",
    ),
    Case(
        "partials.js: partials / partial blocks / should render block from partial with block params",
        "{{#with context as |me|}}{{#> dude}}{{me.value}}{{/dude}}{{/with}}",
        '{"context": {"value": "success"}}',
        {"dude": "{{> @partial-block }}"},
        "success",
    ),
    Case(
        "partials.js: partials / partial blocks / should render nested partial blocks",
        "<template>{{#> outer}}{{value}}{{/outer}}</template>",
        '{"value": "success"}',
        {
            "outer": "<outer>{{#> nested}}<outer-block>{{> @partial-block}}</outer-block>{{/nested}}</outer>",
            "nested": "<nested>{{> @partial-block}}</nested>",
        },
        "<template><outer><nested><outer-block>success</outer-block></nested></outer></template>",
    ),
    Case(
        "partials.js: partials / partial blocks / should render nested partial blocks at different nesting levels",
        "<template>{{#> outer}}{{value}}{{/outer}}</template>",
        '{"value": "success"}',
        {
            "outer": "<outer>{{#> nested}}<outer-block>{{> @partial-block}}</outer-block>{{/nested}}{{> @partial-block}}</outer>",
            "nested": "<nested>{{> @partial-block}}</nested>",
        },
        "<template><outer><nested><outer-block>success</outer-block></nested>success</outer></template>",
    ),
    Case(
        "partials.js: partials / partial blocks / should render nested partial blocks at different nesting levels (twice)",
        "<template>{{#> outer}}{{value}}{{/outer}}</template>",
        '{"value": "success"}',
        {
            "outer": "<outer>{{#> nested}}<outer-block>{{> @partial-block}} {{> @partial-block}}</outer-block>{{/nested}}{{> @partial-block}}+{{> @partial-block}}</outer>",
            "nested": "<nested>{{> @partial-block}}</nested>",
        },
        "<template><outer><nested><outer-block>success success</outer-block></nested>success+success</outer></template>",
    ),
    Case(
        "partials.js: partials / partial blocks / should render nested partial blocks (twice at each level)",
        "<template>{{#> outer}}{{value}}{{/outer}}</template>",
        '{"value": "success"}',
        {
            "outer": "<outer>{{#> nested}}<outer-block>{{> @partial-block}} {{> @partial-block}}</outer-block>{{/nested}}</outer>",
            "nested": "<nested>{{> @partial-block}}{{> @partial-block}}</nested>",
        },
        "<template><outer><nested><outer-block>success success</outer-block><outer-block>success success</outer-block></nested></outer></template>",
    ),
    Case(
        "partials.js: partials / inline partials / should define inline partials for template",
        '{{#*inline "myPartial"}}success{{/inline}}{{> myPartial}}',
        "{}",
        {},
        "success",
    ),
    Case(
        "partials.js: partials / inline partials / should overwrite multiple partials in the same template",
        '{{#*inline "myPartial"}}fail{{/inline}}{{#*inline "myPartial"}}success{{/inline}}{{> myPartial}}',
        "{}",
        {},
        "success",
    ),
    Case(
        "partials.js: partials / inline partials / should define inline partials for block",
        '{{#with .}}{{#*inline "myPartial"}}success{{/inline}}{{> myPartial}}{{/with}}',
        "{}",
        {},
        "success",
    ),
    Case(
        "partials.js: partials / inline partials / should define inline partials for block",
        '{{#with .}}{{#*inline "myPartial"}}success{{/inline}}{{/with}}{{> myPartial}}',
        "{}",
        {},
        INVALID,
    ),
    Case(
        "partials.js: partials / inline partials / should override template partials",
        '{{#*inline "myPartial"}}fail{{/inline}}{{#with .}}{{#*inline "myPartial"}}success{{/inline}}{{> myPartial}}{{/with}}',
        "{}",
        {},
        "success",
    ),
    Case(
        "partials.js: partials / inline partials / should override partials down the entire stack",
        '{{#with .}}{{#*inline "myPartial"}}success{{/inline}}{{#with .}}{{#with .}}{{> myPartial}}{{/with}}{{/with}}{{/with}}',
        "{}",
        {},
        "success",
    ),
    Case(
        "partials.js: partials / inline partials / should define inline partials for partial call",
        '{{#*inline "myPartial"}}success{{/inline}}{{> dude}}',
        "{}",
        {"dude": "{{> myPartial }}"},
        "success",
    ),
    Case(
        "partials.js: partials / inline partials / should define inline partials in partial block call",
        '{{#> dude}}{{#*inline "myPartial"}}success{{/inline}}{{/dude}}',
        "{}",
        {"dude": "{{> myPartial }}"},
        "success",
    ),
    Case(
        "partials.js: partials / inline partials / should render nested inline partials",
        '{{#*inline "outer"}}{{#>inner}}<outer-block>{{>@partial-block}}</outer-block>{{/inner}}{{/inline}}{{#*inline "inner"}}<inner>{{>@partial-block}}</inner>{{/inline}}{{#>outer}}{{value}}{{/outer}}',
        '{"value": "success"}',
        {},
        "<inner><outer-block>success</outer-block></inner>",
    ),
    Case(
        "partials.js: partials / inline partials / should render nested inline partials with partial-blocks on different nesting levels",
        '{{#*inline "outer"}}{{#>inner}}<outer-block>{{>@partial-block}}</outer-block>{{/inner}}{{>@partial-block}}{{/inline}}{{#*inline "inner"}}<inner>{{>@partial-block}}</inner>{{/inline}}{{#>outer}}{{value}}{{/outer}}',
        '{"value": "success"}',
        {},
        "<inner><outer-block>success</outer-block></inner>success",
    ),
    Case(
        "partials.js: partials / inline partials / should render nested inline partials (twice at each level)",
        '{{#*inline "outer"}}{{#>inner}}<outer-block>{{>@partial-block}} {{>@partial-block}}</outer-block>{{/inner}}{{/inline}}{{#*inline "inner"}}<inner>{{>@partial-block}}{{>@partial-block}}</inner>{{/inline}}{{#>outer}}{{value}}{{/outer}}',
        '{"value": "success"}',
        {},
        "<inner><outer-block>success success</outer-block><outer-block>success success</outer-block></inner>",
    ),
    Case(
        "partials.js: partials / standalone partials / indented partials",
        "Dudes:\n{{#dudes}}\n  {{>dude}}\n{{/dudes}}",
        '{"dudes": [{"name": "Yehuda", "url": "http://yehuda"}, {"name": "Alan", "url": "http://alan"}]}',
        {"dude": "{{name}}\n"},
        "Dudes:\n  Yehuda\n  Alan\n",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "partials.js: partials / standalone partials / nested indented partials",
        "Dudes:\n{{#dudes}}\n  {{>dude}}\n{{/dudes}}",
        '{"dudes": [{"name": "Yehuda", "url": "http://yehuda"}, {"name": "Alan", "url": "http://alan"}]}',
        {"dude": "{{name}}\n {{> url}}", "url": "{{url}}!\n"},
        "Dudes:\n  Yehuda\n   http://yehuda!\n  Alan\n   http://alan!\n",
    ),  # a section: handlebars.js blockHelperMissing
    Case(
        "whitespace-control.js: whitespace control / should strip whitespace around mustache calls",
        " {{~foo~}} ",
        '{"foo": "bar<"}',
        {},
        "bar<",
    ),  # SES does not escape HTML (handlebars.js: escaped)
    Case(
        "whitespace-control.js: whitespace control / should strip whitespace around mustache calls",
        " {{~foo}} ",
        '{"foo": "bar<"}',
        {},
        "bar< ",
    ),  # SES does not escape HTML (handlebars.js: escaped)
    Case(
        "whitespace-control.js: whitespace control / should strip whitespace around mustache calls",
        " {{foo~}} ",
        '{"foo": "bar<"}',
        {},
        " bar<",
    ),  # SES does not escape HTML (handlebars.js: escaped)
    Case(
        "whitespace-control.js: whitespace control / should strip whitespace around mustache calls",
        " {{~&foo~}} ",
        '{"foo": "bar<"}',
        {},
        "bar<",
    ),
    Case(
        "whitespace-control.js: whitespace control / should strip whitespace around mustache calls",
        " {{~{foo}~}} ",
        '{"foo": "bar<"}',
        {},
        "bar<",
    ),
    Case(
        "whitespace-control.js: whitespace control / should strip whitespace around mustache calls",
        "1\n{{foo~}} \n\n 23\n{{bar}}4",
        "{}",
        {},
        MISSING,
    ),  # SES: the plain variable is not in the data (handlebars.js: empty)
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around simple block calls",
        " {{~#if foo~}} bar {{~/if~}} ",
        '{"foo": "bar<"}',
        {},
        "bar",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around simple block calls",
        " {{#if foo~}} bar {{/if~}} ",
        '{"foo": "bar<"}',
        {},
        " bar ",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around simple block calls",
        " {{~#if foo}} bar {{~/if}} ",
        '{"foo": "bar<"}',
        {},
        " bar ",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around simple block calls",
        " {{#if foo}} bar {{/if}} ",
        '{"foo": "bar<"}',
        {},
        "  bar  ",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around simple block calls",
        " \n\n{{~#if foo~}} \n\nbar \n\n{{~/if~}}\n\n ",
        '{"foo": "bar<"}',
        {},
        "bar",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around simple block calls",
        " a\n\n{{~#if foo~}} \n\nbar \n\n{{~/if~}}\n\na ",
        '{"foo": "bar<"}',
        {},
        " abara ",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around inverse block calls",
        " {{~^if foo~}} bar {{~/if~}} ",
        "{}",
        {},
        "bar",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around inverse block calls",
        " {{^if foo~}} bar {{/if~}} ",
        "{}",
        {},
        " bar ",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around inverse block calls",
        " {{~^if foo}} bar {{~/if}} ",
        "{}",
        {},
        " bar ",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around inverse block calls",
        " {{^if foo}} bar {{/if}} ",
        "{}",
        {},
        "  bar  ",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around inverse block calls",
        " \n\n{{~^if foo~}} \n\nbar \n\n{{~/if~}}\n\n ",
        "{}",
        {},
        "bar",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "{{#if foo~}} bar {{~^~}} baz {{~/if}}",
        '{"foo": "bar<"}',
        {},
        "bar",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "{{#if foo~}} bar {{^~}} baz {{/if}}",
        '{"foo": "bar<"}',
        {},
        "bar ",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "{{#if foo}} bar {{~^~}} baz {{~/if}}",
        '{"foo": "bar<"}',
        {},
        " bar",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "{{#if foo}} bar {{^~}} baz {{/if}}",
        '{"foo": "bar<"}',
        {},
        " bar ",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "{{#if foo~}} bar {{~else~}} baz {{~/if}}",
        '{"foo": "bar<"}',
        {},
        "bar",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "\n\n{{~#if foo~}} \n\nbar \n\n{{~^~}} \n\nbaz \n\n{{~/if~}}\n\n",
        '{"foo": "bar<"}',
        {},
        "bar",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "\n\n{{~#if foo~}} \n\n{{{foo}}} \n\n{{~^~}} \n\nbaz \n\n{{~/if~}}\n\n",
        '{"foo": "bar<"}',
        {},
        "bar<",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "{{#if foo~}} bar {{~^~}} baz {{~/if}}",
        "{}",
        {},
        "baz",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "{{#if foo}} bar {{~^~}} baz {{/if}}",
        "{}",
        {},
        "baz ",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "{{#if foo~}} bar {{~^}} baz {{~/if}}",
        "{}",
        {},
        " baz",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "{{#if foo~}} bar {{~^}} baz {{/if}}",
        "{}",
        {},
        " baz ",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "{{#if foo~}} bar {{~else~}} baz {{~/if}}",
        "{}",
        {},
        "baz",
    ),
    Case(
        "whitespace-control.js: whitespace control / blocks / should strip whitespace around complex block calls",
        "\n\n{{~#if foo~}} \n\nbar \n\n{{~^~}} \n\nbaz \n\n{{~/if~}}\n\n",
        "{}",
        {},
        "baz",
    ),
    Case(
        "whitespace-control.js: whitespace control / should strip whitespace around partials",
        "foo {{~> dude~}} ",
        "{}",
        {"dude": "bar"},
        "foobar",
    ),
    Case(
        "whitespace-control.js: whitespace control / should strip whitespace around partials",
        "foo {{> dude~}} ",
        "{}",
        {"dude": "bar"},
        "foo bar",
    ),
    Case(
        "whitespace-control.js: whitespace control / should strip whitespace around partials",
        "foo {{> dude}} ",
        "{}",
        {"dude": "bar"},
        "foo bar ",
    ),
    Case(
        "whitespace-control.js: whitespace control / should strip whitespace around partials",
        "foo\n {{~> dude}} ",
        "{}",
        {"dude": "bar"},
        "foobar",
    ),
    Case(
        "whitespace-control.js: whitespace control / should strip whitespace around partials",
        "foo\n {{> dude}} ",
        "{}",
        {"dude": "bar"},
        "foo\n bar",
    ),
    Case(
        "whitespace-control.js: whitespace control / should only strip whitespace once",
        " {{~foo~}} {{foo}} {{foo}} ",
        '{"foo": "bar"}',
        {},
        "barbar bar ",
    ),
    Case(
        "data.js: data / parameter data throws when using complex scope references",
        "{{#goodbyes}}{{text}} cruel {{@foo/../name}}! {{/goodbyes}}",
        "{}",
        {},
        INVALID,
    ),
    Case(
        "data.js: data / @root / the root context can be looked up via @root",
        "{{@root.foo}}",
        '{"foo": "hello"}',
        {},
        "hello",
    ),
]


def _passes(case: Case) -> bool:
    data, partials = json.loads(case.data), case.partials
    if isinstance(case.expected, str):
        try:
            return render(case.template, data, partials) == case.expected
        except (MissingAttribute, InvalidTemplate):
            return False
    try:
        render(case.template, data, partials)
    except case.expected:
        return True
    except (MissingAttribute, InvalidTemplate):
        return False
    return False


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c.source}" for i, c in enumerate(CASES)])
def test_a_spec_case_renders_as_ses_renders_it(case: Case) -> None:
    data = json.loads(case.data)
    if isinstance(case.expected, str):
        assert render(case.template, data, case.partials) == case.expected
    else:
        with pytest.raises(case.expected):
            render(case.template, data, case.partials)


def test_every_spec_case_passes() -> None:
    passed = [case.source for case in CASES if _passes(case)]
    failed = sorted({case.source for case in CASES if not _passes(case)})
    assert len(passed) == len(CASES), (
        f"{len(passed)}/{len(CASES)} spec cases pass; failing: {failed}"
    )
