"""The accessibility check itself: it must find a violation when there is one."""

import pytest

from .axe import assert_no_axe_violations, assert_no_axe_violations_without_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADD_UNLABELLED_FIELD = "html => document.querySelector('main').insertAdjacentHTML('beforeend', html)"


def test_the_axe_check_reports_an_unlabelled_field_with_javascript(page, url):
    page.goto(url("accessibility"))
    page.evaluate(ADD_UNLABELLED_FIELD, '<input type="text" id="unlabelled">')
    with pytest.raises(pytest.fail.Exception, match=r"(?s)- label \(critical\).*#unlabelled"):
        assert_no_axe_violations(page)


def test_the_axe_check_without_javascript_sees_what_noscript_shows(page_nojs, axe_page, url):
    page_nojs.goto(url("accessibility"))
    # Shown only to browsers without JavaScript: the check must see it.
    page_nojs.evaluate(ADD_UNLABELLED_FIELD, '<noscript><input type="text" id="unlabelled"></noscript>')
    with pytest.raises(pytest.fail.Exception, match=r"(?s)- label \(critical\).*#unlabelled"):
        assert_no_axe_violations_without_js(page_nojs, axe_page)
