"""Jinja2 (topggz/jinja_env.py) prints values and translations as Django's template language does."""

import datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.test import override_settings
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from topggz import jinja_env

VALUES = {
    "text": "Polikliniek 't Goy",
    "markup": '<b>"A & B"</b>',
    "safe": mark_safe("<strong>3,2 km</strong>"),
    "lazy": gettext_lazy("Zoeken"),
    "int": 6000,
    "negative": -12,
    "float": 3.25,
    "decimal": Decimal("1234.50"),
    "date": datetime.date(2028, 2, 29),
    "none": None,
    "true": True,
    "empty": "",
}


def django_says(source, context):
    return engines["django"].from_string(source).render(context)


def jinja_says(source, context):
    return engines["jinja2"].from_string(source).render(context)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", VALUES)
def test_a_value_prints_as_in_a_django_template(name, language):
    with translation.override(language):
        assert jinja_says("{{ value }}", {"value": VALUES[name]}) == django_says("{{ value }}", {"value": VALUES[name]})


@override_settings(USE_THOUSAND_SEPARATOR=True)
@pytest.mark.parametrize("name", ["int", "float", "decimal"])
def test_numbers_follow_the_thousands_separator_setting_as_in_django(name):
    with translation.override("nl"):
        django_html = django_says("{{ value }}", {"value": VALUES[name]})
        assert jinja_says("{{ value }}", {"value": VALUES[name]}) == django_html
    if name == "int":
        assert django_html == "6.000"


def test_a_missing_value_prints_nothing_as_in_django():
    assert jinja_says("[{{ missing }}]", {}) == django_says("[{{ missing }}]", {}) == "[]"


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", ["text", "markup", "safe", "int"])
def test_format_is_blocktranslate(name, language):
    with translation.override(language):
        django_html = django_says(
            "{% load i18n %}{% blocktranslate with text=value %}‘{{ text }}’ zoeken{% endblocktranslate %}",
            {"value": VALUES[name]},
        )
        jinja_html = jinja_says('{{ _("‘%(text)s’ zoeken")|format(text=value) }}', {"value": VALUES[name]})
    assert jinja_html == django_html


def test_format_on_plain_text_is_jinjas_format_escaped_once():
    assert jinja_says('{{ "%s & %s"|format("<a>", "b") }}', {}) == "&lt;a&gt; &amp; b"


def test_a_translation_follows_the_active_language_and_is_not_escaped():
    source = '{{ _("Pagina’s met zoekresultaten") }}|{{ _("Zoeken") }}'
    with translation.override("en"):
        assert jinja_says(source, {}) == "Pages of search results|Search"
    with translation.override("nl"):
        assert jinja_says(source, {}) == "Pagina’s met zoekresultaten|Zoeken"


def test_pgettext_is_translate_with_a_context():
    with translation.override("en"):
        assert jinja_says('{{ pgettext("hoofdmenu", "Home") }}', {}) == django_says(
            '{% load i18n %}{% translate "Home" context "hoofdmenu" %}', {}
        )


def test_url_and_static_are_the_django_tags_in_the_active_language():
    source_django = "{% load static %}{% url 'register:search' %} {% url 'register:department_detail' 'eetstoornissen' %} {% static 'css/site.css' %}"
    source_jinja = '{{ url("register:search") }} {{ url("register:department_detail", "eetstoornissen") }} {{ static("css/site.css") }}'
    for language in ["nl", "en", "nl"]:  # the cached URLs are per language
        with translation.override(language):
            assert jinja_says(source_jinja, {}) == django_says(source_django, {})
    with translation.override("en"):
        assert jinja_says('{{ url("register:search") }}', {}) == "/en/zoeken/"


def compiled_templates() -> int:
    return sum(len(overlay.cache) for overlay in engines["jinja2"].env.__dict__.get("_overlays", {}).values())


def test_the_caches_are_forgotten_when_a_setting_changes():
    engines["jinja2"].get_template("register/search.html")
    jinja_says('{{ static("css/site.css") }} {{ _("Zoeken") }} {{ url("home") }}', {})
    assert jinja_env._static_urls and jinja_env._urls and compiled_templates()

    with override_settings(STATIC_URL="/elders/"):
        assert not jinja_env._static_urls and not jinja_env._translations and not jinja_env._urls
        assert not compiled_templates()
        assert jinja_says('{{ static("css/site.css") }}', {}) == "/elders/css/site.css"


def test_a_template_is_compiled_once_per_language_with_its_texts_translated():
    template = '<p>{{ _("Zoeken") }}</p>{% set label = _("Filters") %}{{ label }} {{ _("‘%(text)s’ zoeken")|format(text="<b>") }}'
    with translation.override("nl"):
        dutch = engines["jinja2"].from_string(template).render({})
    with translation.override("en"):
        english = engines["jinja2"].from_string(template).render({})
    assert dutch == "<p>Zoeken</p>Filters ‘&lt;b&gt;’ zoeken"
    assert english == "<p>Search</p>Filters Search for ‘&lt;b&gt;’"


def test_a_compiled_template_keeps_no_runtime_lookup_of_its_translations():
    with translation.override("en"):
        source = engines["jinja2"].env.for_language("en").compile(
            '{{ _("Zoeken") }}', raw=True
        )
    assert "Search" in source and "gettext" not in source and "'_'" not in source
