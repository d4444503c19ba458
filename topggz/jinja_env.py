"""The Jinja2 environment of the pages that Jinja renders (TEMPLATES["jinja2"] in settings).

The finder (/zoeken/) renders with Jinja2 because Django's template language
costs a few microseconds per tag and variable, and the finder page has about
a thousand of them. Every other page, the admin included, stays on Django's
engine. Jinja's templates live in topggz/jinja2/ (the layout, base.html) and
in each app's jinja2/ directory.

The environment makes Jinja's output the same as Django's for the same values:

- ``{{ value }}`` prints as Django's ``{{ value }}`` does (``finalize``):
  numbers and dates localised, text escaped with Django's escape (``&#x27;``
  and ``&quot;``, not markupsafe's ``&#39;`` and ``&#34;``), safe strings (Django's
  SafeString and Markup, anything with ``__html__``) as they are. So do not use
  Jinja's ``|e``/``|escape`` or ``~`` on text: they escape the markupsafe way.
- ``_("literal")`` is Django's gettext for the active language, and like
  ``{% translate "literal" %}`` its result is safe (the text is ours, not the
  visitor's). Use ``_()`` with string literals only.
- ``_("... %(name)s ...")|format(name=value)`` is ``{% blocktranslate %}``: the
  values are printed (localised, escaped) as above, the translation is not.
- Translatable texts are written only as ``_("literal")`` (inside ``{{ }}`` or
  ``{% set %}``), never with ``{% trans %}``: makemessages reads the templates
  as Django templates and extracts exactly those. Plurals are made in Python
  (ngettext), where makemessages finds them too.

The globals give the layout what Django's tags give base.html:
``url``, ``static``, ``get_current_language``, ``get_current_language_bidi``,
``get_language_info_list``, ``aria_current_page``, ``chrome`` (which also gives the header the
language form's return path, ``language_next``),
and the filters ``works_with_dossiers``, ``alert_type``, ``capfirst``. The
backend adds ``request``, ``csrf_input`` and ``csrf_token`` to the context of
a template rendered with a request, and runs the context processors.
"""

from __future__ import annotations

import datetime
import html
import weakref
from decimal import Decimal

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static as static_url
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.autoreload import file_changed
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from jinja2 import Environment, pass_context
from jinja2.ext import Extension
from jinja2.lexer import TOKEN_LPAREN, TOKEN_NAME, TOKEN_PIPE, TOKEN_RPAREN, TOKEN_STRING, Token
from markupsafe import Markup

from topggz.templatetags import site_tags

_LOCALISED = (int, float, Decimal, datetime.date, datetime.datetime, datetime.time)


def finalize(value):
    """A value as Django's ``{{ value }}`` prints it (template.base.render_value_in_context), made safe."""
    if type(value) is str:  # most values: plain text
        return SafeString(html.escape(value))  # what django.utils.html.escape does
    if hasattr(value, "__html__"):  # SafeString, Markup, csrf_input
        return value
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)  # what localize() gives without grouping (ids, counts, page numbers)
    if isinstance(value, _LOCALISED) and not isinstance(value, bool):
        value = localize(template_localtime(value))
    if not isinstance(value, str):
        value = str(value)
    return conditional_escape(value)


def format_(value, *args, **kwargs):
    """``_("… %(name)s …")|format(name=value)``: a safe text (a translation) with the values printed into it
    as ``{{ value }}`` prints them (``{% blocktranslate with name=value %}``); a plain text as Jinja's format."""
    if args and kwargs:
        raise TypeError("format takes either positional or keyword arguments, not both")
    if not hasattr(value, "__html__"):
        return str(value) % (kwargs or args)
    if kwargs:
        values = {name: finalize(item) for name, item in kwargs.items()}
    else:
        values = tuple(finalize(item) for item in args)
    return SafeString(str(value) % values)


# A page asks for fifty translations of literals; each is looked up once per process and language.
MAX_CACHED_TRANSLATIONS = 5000
_translations: dict = {}


def gettext(message):
    """``_("literal")``: the translation in the active language, safe like Django's ``{% translate %}``."""
    key = (translation.get_language(), message)
    try:
        return _translations[key]
    except KeyError:
        if len(_translations) >= MAX_CACHED_TRANSLATIONS:
            _translations.clear()
        text = _translations[key] = SafeString(translation.gettext(message))
        return text


def ngettext(singular, plural, number):
    return SafeString(translation.ngettext(singular, plural, number))


def pgettext(context, message):
    """``pgettext("context", "literal")``: ``{% translate "literal" context "context" %}``.
    (makemessages does not see it: keep the same text in a Django template.)"""
    return SafeString(translation.pgettext(context, message))


def npgettext(context, singular, plural, number):
    return SafeString(translation.npgettext(context, singular, plural, number))


# reverse() and static() cost 10-15 µs each and the layout calls them a dozen times per page, always with
# the same arguments: their answers are kept per process. A URL depends on the active language (the /en/
# prefix), the script prefix and the URL conf, all part of the key; a static URL only on settings. Both
# are forgotten when a setting changes (tests) and capped in size (URLs with arguments).
MAX_CACHED_URLS = 1000
_urls: dict = {}
_static_urls: dict = {}


def url(viewname, *args, **kwargs):
    """``{{ url("register:search") }}``: Django's ``{% url %}`` (reverse)."""
    key = (viewname, args, tuple(kwargs.items()), translation.get_language(), get_script_prefix(), get_urlconf())
    try:
        return _urls[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable argument
        return reverse(viewname, args=args or None, kwargs=kwargs or None)
    if len(_urls) >= MAX_CACHED_URLS:
        _urls.clear()
    path = _urls[key] = reverse(viewname, args=args or None, kwargs=kwargs or None)
    return path


def static(path):
    """``{{ static("css/site.css") }}``: Django's ``{% static %}``."""
    try:
        return _static_urls[path]
    except KeyError:
        if len(_static_urls) >= MAX_CACHED_URLS:
            _static_urls.clear()
        result = _static_urls[path] = static_url(path)
        return result


@receiver(setting_changed, dispatch_uid="topggz.jinja_env.forget")
def _forget(**kwargs):
    """A changed setting (in a test) may change any URL or translation."""
    _urls.clear()
    _static_urls.clear()
    _translations.clear()
    _chrome.clear()
    _forget_compiled()


@receiver(file_changed, dispatch_uid="topggz.jinja_env.forget_translations")
def _forget_translations(sender, file_path, **kwargs):
    """runserver: Django reloads a changed .mo file without a restart (translation_file_changed); so do we."""
    if file_path.suffix == ".mo":
        _translations.clear()
        _chrome.clear()
        _forget_compiled()


def get_language_info_list():
    """The site's languages as ``{% get_language_info_list for LANGUAGES %}`` gives them (code, name_local, …)."""
    return [translation.get_language_info(code) for code, _name in settings.LANGUAGES]


@pass_context
def aria_current_page(context, url_name):
    """``{{ aria_current_page("home") }}``: site_tags.aria_current_page."""
    return site_tags.aria_current_page_for(context.get("request"), url_name)


# The layout's head assets, header and footer links (topggz/jinja2/chrome/) are the same for every
# visitor who is not logged in, given the language and the page (aria-current): rendered once per
# process and key, with markers where the two per-request values go (the CSRF field of the language
# form, and the path it returns to).
MAX_CACHED_CHROME = 1000
_chrome: dict = {}
_CSRF_MARK = "\x00csrf-input\x00"
_NEXT_MARK = "\x00language-next\x00"


@pass_context
def chrome(context, name):
    """``{{ chrome("chrome/header.html") }}``: that part of the layout, rendered with the page's context.

    For a visitor who is logged in (the header shows who, and a log-out form), without a request, or
    with DEBUG (templates change while runserver runs), it is rendered every time.
    """
    request = context.get("request")
    user = context.get("user")
    if request is None or user is None or getattr(user, "is_authenticated", True) or settings.DEBUG:
        next_path = site_tags.path_in_default_language_for(request) if request is not None else ""
        template = context.environment.get_template(name)
        return Markup(template.render({**context.get_all(), "language_next": next_path}))
    match = getattr(request, "resolver_match", None)
    key = (name, translation.get_language(), match and match.view_name, get_script_prefix(), get_urlconf())
    html_ = _chrome.get(key)
    if html_ is None:
        if len(_chrome) >= MAX_CACHED_CHROME:
            _chrome.clear()
        marked = {**context.get_all(), "csrf_input": Markup(_CSRF_MARK), "language_next": Markup(_NEXT_MARK)}
        html_ = _chrome[key] = context.environment.get_template(name).render(marked)
    if _CSRF_MARK in html_:
        html_ = html_.replace(_CSRF_MARK, str(context["csrf_input"]))
    if _NEXT_MARK in html_:
        html_ = html_.replace(_NEXT_MARK, finalize(site_tags.path_in_default_language_for(request)))
    return Markup(html_)


_environments: weakref.WeakSet = weakref.WeakSet()  # every TranslatingEnvironment made (one per backend)


def _forget_compiled() -> None:
    for env in list(_environments):
        env.forget_compiled()


class TranslatingEnvironment(Environment):
    """An Environment that compiles each template once per language, with its ``_("literal")`` texts
    translated at compile time (CompileTimeTranslations): a page then prints them as the static text
    around them, instead of looking each one up on every render.

    The environment Django's backend holds is language-neutral: get_template() and from_string() hand
    the work to an overlay (same loader, globals and filters, its own template cache) for the active
    language, whose templates also include and extend in that language.
    """

    language: str | None = None  # set on the per-language overlays

    def for_language(self, language: str) -> TranslatingEnvironment:
        overlays = self.__dict__.setdefault("_overlays", {})
        overlay = overlays.get(language)
        if overlay is None:
            overlay = self.overlay()
            overlay.language = language
            overlays[language] = overlay
        return overlay

    def _active(self) -> TranslatingEnvironment:
        return self.for_language(translation.get_language() or settings.LANGUAGE_CODE)

    def get_template(self, name, parent=None, globals=None):
        if self.language is None:
            return self._active().get_template(name, parent, globals)
        return super().get_template(name, parent, globals)

    def from_string(self, source, globals=None, template_class=None):
        if self.language is None:
            return self._active().from_string(source, globals, template_class)
        return super().from_string(source, globals, template_class)

    def forget_compiled(self) -> None:
        """Drop every language's compiled templates (a translation changed)."""
        for overlay in self.__dict__.get("_overlays", {}).values():
            overlay.cache.clear()


class CompileTimeTranslations(Extension):
    """``_("literal")`` becomes ``("<translation>"|safe)`` when a TranslatingEnvironment overlay compiles
    a template: a constant, so Jinja prints it as static text. Only for string literals (the only use
    the templates may make of ``_``: topggz/tests/test_jinja_templates.py); in the language-neutral
    environment the runtime ``_`` global (gettext above) stays."""

    def filter_stream(self, stream):
        language = getattr(self.environment, "language", None)
        if language is None:
            yield from stream
            return
        buffer: list[Token] = []  # the start of a possible  _ ( "literal" )
        for token in stream:
            buffer.append(token)
            while buffer and not _starts_translation(buffer):
                yield buffer.pop(0)
            if len(buffer) == len(_TRANSLATION):
                with translation.override(language):
                    text = translation.gettext(buffer[2].value)
                line = buffer[0].lineno
                yield from (
                    Token(line, TOKEN_LPAREN, "("),
                    Token(line, TOKEN_STRING, text),
                    Token(line, TOKEN_PIPE, "|"),
                    Token(line, TOKEN_NAME, "safe"),
                    Token(line, TOKEN_RPAREN, ")"),
                )
                buffer = []
        yield from buffer


_TRANSLATION = (TOKEN_NAME, TOKEN_LPAREN, TOKEN_STRING, TOKEN_RPAREN)  # _ ( "literal" )


def _starts_translation(tokens: list) -> bool:
    return tokens[0].value == "_" and all(token.type == kind for token, kind in zip(tokens, _TRANSLATION))


def environment(**options):
    """The Environment for TEMPLATES["jinja2"] (Django's Jinja2 backend passes loader, autoescape,
    auto_reload and undefined)."""
    options.setdefault("finalize", finalize)
    # Django keeps a template's last newline; so do we, for the same output.
    options.setdefault("keep_trailing_newline", True)
    extensions = list(options.pop("extensions", ()))
    if "jinja2.ext.i18n" not in extensions:
        extensions.append("jinja2.ext.i18n")
    extensions.append(CompileTimeTranslations)
    env = TranslatingEnvironment(extensions=extensions, **options)
    _environments.add(env)
    env.install_gettext_callables(gettext, ngettext, newstyle=False, pgettext=pgettext, npgettext=npgettext)
    # The i18n extension's `_` looks `gettext` up in the context on every call; ours is fixed.
    env.globals["_"] = gettext
    env.globals.update(
        url=url,
        static=static,
        get_current_language=translation.get_language,
        get_current_language_bidi=translation.get_language_bidi,
        get_language_info_list=get_language_info_list,
        aria_current_page=aria_current_page,
        chrome=chrome,
    )
    env.filters.update(
        format=format_,
        capfirst=capfirst,
        works_with_dossiers=site_tags.works_with_dossiers,
        alert_type=site_tags.alert_type,
    )
    return env
