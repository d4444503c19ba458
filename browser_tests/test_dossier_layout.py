"""Dossier pages reflow (issue 10, findings 15 and 16): no sideways scrolling at 1,280 and 320 CSS pixels.

For every page of a filled dossier (the demo example that meets every criterion, with its long texts, and
a factory dossier with records of every kind) as its manager sees it (every table, form and action link):

- the page does not scroll sideways (``scrollWidth <= clientWidth`` of the document);
- every table fits the box it sits in, also with every "Alles tonen" opened;
- the action links of a table row lie inside their own row, and rows do not overlap.
"""

from __future__ import annotations

import pytest

from .test_dossier_editor import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = {"desktop": 1280, "phone": 320}

# What the page measures; a list of problems, empty when the layout holds.
MEASURE = """() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) {
    const wide = [...document.querySelectorAll('body *')]
      .filter(e => !e.closest('thead') && e.getBoundingClientRect().right > doc.clientWidth + 1)
      .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'));
    problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth} (${wide.join(', ')})`);
  }
  for (const table of document.querySelectorAll('main table')) {
    const name = table.caption ? table.caption.innerText.trim() : table.id || 'table';
    const box = table.parentElement;
    const t = table.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (t.width > box.clientWidth + 1 || t.left < b.left - 1 || t.right > b.right + 1) {
      problems.push(`table "${name}" is ${Math.round(t.width)} px wide in a box of ${box.clientWidth} px`);
    }
    if (box.scrollWidth > box.clientWidth + 1) {
      problems.push(`table "${name}" scrolls sideways in its box (${box.scrollWidth} > ${box.clientWidth})`);
    }
    const rows = [...table.tBodies].flatMap(body => [...body.rows]);
    rows.forEach((row, i) => {
      const r = row.getBoundingClientRect();
      const next = rows[i + 1];
      if (next && next.getBoundingClientRect().top < r.bottom - 1) {
        problems.push(`rows ${i + 1} and ${i + 2} of "${name}" overlap`);
      }
      for (const link of row.querySelectorAll('a, summary, button')) {
        const l = link.getBoundingClientRect();
        if (l.width === 0 && l.height === 0) continue;
        if (l.top < r.top - 1 || l.bottom > r.bottom + 1 || l.left < r.left - 1 || l.right > r.right + 1) {
          problems.push(`"${link.innerText.trim()}" in row ${i + 1} of "${name}" lies outside its row`);
        }
      }
    });
  }
  return problems;
}"""


def _layout_problems(page) -> list[str]:
    problems = page.evaluate(MEASURE)
    page.evaluate("() => document.querySelectorAll('main details').forEach(d => { d.open = true; })")
    problems += [f"{p} (details open)" for p in page.evaluate(MEASURE)]
    return problems


def _pages(url, dossier) -> list[str]:
    from certification.views import load  # noqa: F401 - the criteria set comes from the dossier's date
    from certification.criteria.selectors import criteria_set_data, criteria_set_for

    criteria = criteria_set_data(dossier.criteria_set or criteria_set_for(dossier.visitation_date))
    return [
        url("certification:dossiers"),
        url("certification:overview", dossier.pk),
        url("certification:attachments", dossier.pk),
        url("certification:submit", dossier.pk),
        url("certification:new_record", dossier.pk, "staff") + "?terug=4",
        *[url("certification:criterion", dossier.pk, c.number) for c in criteria.all_criteria()],
    ]


@pytest.fixture
def filled_dossiers():
    """The demo example that meets every criterion (real lengths of text) and a dossier with every record kind."""
    from certification.dossier.demo import create_demo_dossiers
    from certification.tests.factories import DossierFactory, bureau_admin, fill
    from register.tests.factories import DepartmentFactory

    demo = create_demo_dossiers(actor=bureau_admin(), departments=[DepartmentFactory()])[0]
    return [demo, fill(DossierFactory(), 2)]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_dossier_page_scrolls_sideways_and_every_table_fits(width, filled_dossiers, page, url, live_server):
    from certification.tests.factories import manager_of

    page.set_viewport_size({"width": width, "height": 800})
    failures = {}
    for dossier in filled_dossiers:
        log_in(live_server, manager_of(dossier.department), page)
        for address in _pages(url, dossier):
            response = page.goto(address)
            assert response.status == 200, address
            problems = _layout_problems(page)
            if problems:
                failures[address.removeprefix(live_server.url)] = problems
    assert not failures, "\n".join(f"{a}:\n  " + "\n  ".join(p) for a, p in failures.items())


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_a_committee_members_dossier_pages_do_not_scroll_sideways(width, filled_dossiers, page, url, live_server):
    from certification.tests.factories import committee_member

    page.set_viewport_size({"width": width, "height": 800})
    dossier = filled_dossiers[1]
    log_in(live_server, committee_member(dossier), page)
    failures = {}
    for address in _pages(url, dossier)[:3] + _pages(url, dossier)[5:]:
        page.goto(address)
        problems = _layout_problems(page)
        if problems:
            failures[address.removeprefix(live_server.url)] = problems
    assert not failures, "\n".join(f"{a}:\n  " + "\n  ".join(p) for a, p in failures.items())


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_record_cards_and_the_submit_confirmation_have_no_wcag_violations(width, page, url, live_server):
    from certification.tests.factories import DossierFactory, fill, manager_of

    from .axe import assert_no_axe_violations

    dossier = fill(DossierFactory(), 2)
    page.set_viewport_size({"width": width, "height": 800})
    log_in(live_server, manager_of(dossier.department), page)
    for address in (url("certification:criterion", dossier.pk, 1), url("certification:submit", dossier.pk)):
        page.goto(address)
        page.evaluate("() => document.querySelectorAll('main details').forEach(d => { d.open = true; })")
        assert_no_axe_violations(page, f"{address} at {width} px")


def test_submitting_from_the_overview_asks_first_and_the_confirmation_submits(page, url, live_server):
    from certification.models import Dossier
    from certification.tests.factories import DossierFactory, manager_of

    dossier = DossierFactory()
    log_in(live_server, manager_of(dossier.department), page)
    page.goto(url("certification:overview", dossier.pk))
    with page.expect_navigation():
        page.get_by_role("link", name="Dossier indienen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Dossier indienen?"
    assert "criteria voldoen niet" in page.locator("main").inner_text()
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.DRAFT
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, dossier indienen").click()
    assert page.url == url("certification:overview", dossier.pk)
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.SUBMITTED
