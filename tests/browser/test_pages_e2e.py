"""End to end in headless Chromium: what an outreach worker sees and does on each page.

Screenshots land in test-artifacts/ (gitignored; CI keeps them as artifacts).
"""

from __future__ import annotations

import csv
import io
import re

from loaders.samples.demo import NC_MINOR_TRANSITIONAL_COVERED
from service.domain.vocabulary import COLUMNS, Service
from service.store.graph import Graph

from .conftest import ARTIFACTS


def nc_county_fips(graph: Graph) -> dict[str, str]:
    rows = graph.read("queries/jurisdictions", kind="county", search=None, within="us-nc", territories=True,
                      skip=0, limit=500)
    return {j["id"]: j["fips"] for j in rows[0]["page"]}


def test_home_search_finds_a_place_and_opens_its_matrix(page, snap) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Refgraph"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    snap(page, "01-home")
    page.get_by_label("Find a place, an organization or a contact").fill("Buncombe")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Buncombe"))
    assert page.get_by_role("heading", name=re.compile("Places")).is_visible()
    snap(page, "02-search")
    page.get_by_role("link", name="Buncombe County", exact=True).click()
    page.wait_for_url("**/place/us-nc-buncombe-county")
    assert page.locator("table.matrix").is_visible()


def test_gap_finder_shows_the_deliberate_gaps_on_map_and_table_that_agree(  # type: ignore[no-untyped-def]
        page, snap, demo_graph: Graph) -> None:
    page.goto("/gaps")
    form = page.get_by_role("form", name="Gap finder")
    form.get_by_label("Service").select_option(label="Transitional shelter")
    form.get_by_label("Age", exact=True).select_option(label="Minor")
    form.get_by_label("Area").select_option(label="North Carolina")
    form.get_by_label("List places of level").select_option("county")
    form.get_by_role("button", name="Find gaps").click()
    page.wait_for_url(re.compile(r"age=MINOR"))

    fips = nc_county_fips(demo_graph)
    gaps = set(fips) - NC_MINOR_TRANSITIONAL_COVERED
    assert page.locator("#totals").inner_text().startswith(f"{len(gaps)} of {len(fips)} counties lack it")
    table = set(page.locator("table.gaps tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)"))
    assert table == gaps
    on_map = page.locator('#map path[data-status="gap"]').evaluate_all("ps => ps.map(p => p.dataset.fips)")
    assert set(on_map) == {fips[i] for i in table}  # the map and the table agree
    assert page.locator('#map path[data-fips="37021"]').get_attribute("data-status") == "gap"  # Buncombe
    assert page.locator('#map path[data-fips="37183"]').get_attribute("data-status") != "gap"  # Wake
    assert "Gap: nobody covers it" in page.locator("#map svg").inner_html()  # legend
    snap(page, "03-gaps-nc-minor-transitional")

    page.get_by_role("link", name="Population").click()
    page.wait_for_url(re.compile(r"sort=population"))
    first = page.locator("table.gaps tbody tr").first.get_attribute("data-id")
    assert first == "us-nc-mecklenburg-county"  # the most populous county without it

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the table (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))
    shown = page.locator("table.gaps tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)")
    assert [r["id"] for r in rows] == shown
    info.value.save_as(ARTIFACTS / "gaps-nc-minor-transitional.csv")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the map (SVG)").click()
    svg = info.value.path().read_text(encoding="utf-8")
    assert set(re.findall(r'data-fips="(\d{5})" data-status="gap"', svg)) == set(on_map)


def test_a_map_county_opens_its_matrix(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/gaps?service=SHELTER_TRANSITIONAL&age=MINOR&area=us-nc")
    page.locator('#map path[data-fips="37021"]').click()
    page.wait_for_url("**/place/us-nc-buncombe-county")


def test_place_matrix_marks_gaps_and_a_cell_lists_whom_to_call(page, snap) -> None:  # type: ignore[no-untyped-def]
    page.goto("/place/us-nc-buncombe-county")
    rows = page.locator("table.matrix tbody tr")
    assert rows.count() == len(Service)
    assert all(rows.nth(i).locator("td.cell").count() == len(COLUMNS) for i in range(rows.count()))
    gap = page.locator('td.cell[data-service="SHELTER_TRANSITIONAL"][data-value="MINOR"]')
    assert "gap" in (gap.get_attribute("class") or "") and gap.inner_text().startswith("GAP")
    snap(page, "04-place-buncombe")
    gap.get_by_role("link").focus()  # keyboard: a cell is a link, Enter opens it
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/place/us-nc-buncombe-county/cell\?service=SHELTER_TRANSITIONAL"))
    assert "nobody covers" in page.locator("main").inner_text()

    page.goto("/place/us-nc-wake-county")
    page.locator('td.cell[data-service="SHELTER_TRANSITIONAL"][data-value="MINOR"] a').click()
    page.wait_for_url(re.compile(r"/cell\?"))
    main = page.locator("main").inner_text()
    assert "Oak City Youth Haven (demo)" in main and "Simone Batts" in main
    snap(page, "05-cell-wake-transitional-minor")


def test_place_matrix_prints_on_one_landscape_page(page, snap) -> None:  # type: ignore[no-untyped-def]
    page.goto("/place/us-nc-wake-county")
    page.emulate_media(media="print")
    assert page.locator("header.top").is_hidden()
    snap(page, "06-place-wake-print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (ARTIFACTS / "place-wake-print.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the printed matrix takes {pages} pages"
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box and float(box.group(1)) > float(box.group(2)), "the page is not landscape"


def test_route_form_on_a_phone_gives_the_emergency_block_and_ranked_referrals(  # type: ignore[no-untyped-def]
        phone, snap) -> None:
    phone.goto("/route")
    form = phone.get_by_role("form", name="Place and situation")
    form.get_by_label("Where is the person?").fill("Lancaster County, PA")
    form.get_by_label("Urgency", exact=True).select_option(label="Urgent")
    form.get_by_label("Nationality", exact=True).select_option(label="Foreign national")
    form.get_by_label("Age", exact=True).select_option(label="Minor")
    form.get_by_label("Gender", exact=True).select_option(label="Female")
    form.get_by_label("Trafficking type").select_option(label="Labor")
    form.get_by_label("When", exact=True).select_option(label="After hours")
    form.get_by_label("Immediate danger").check()
    form.get_by_role("button", name="Find whom to call").click()
    phone.wait_for_url(re.compile(r"danger=on"))

    emergency = phone.locator("#emergency")
    assert emergency.is_visible() and "Call 911 / local police now" in emergency.inner_text()
    assert "send a written report to Keystone Anti-Trafficking Task Force (demo)" in emergency.inner_text()
    extraction = phone.locator("#svc-VICTIM_EXTRACTION ol.referrals > li")
    names = [extraction.nth(i).locator("strong").first.inner_text() for i in range(extraction.count())]
    assert names[:2] == ["Red Rose City Police Department, Vice Unit (demo)", "Keystone Anti-Trafficking Task Force (demo)"]
    assert "Why: covers" in extraction.first.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
    snap(phone, "07-route-phone")


def test_route_form_offers_candidates_for_an_ambiguous_place(page, snap) -> None:  # type: ignore[no-untyped-def]
    page.goto("/route")
    page.get_by_label("Where is the person?").fill("Lancaster")
    page.get_by_label("Age", exact=True).select_option(label="Minor")
    page.get_by_role("button", name="Find whom to call").click()
    assert page.get_by_role("heading", name=re.compile("matches several places")).is_visible()
    snap(page, "08-route-candidates")
    page.locator('a[href*="place=us-pa-lancaster"]').first.click()
    page.wait_for_url(re.compile(r"place=us-pa-lancaster"))
    assert page.get_by_role("heading", name=re.compile("For Lancaster")).is_visible()
    assert "Minor" in page.locator("p.facts").first.inner_text()


def test_search_finds_organizations_and_contacts(page, snap) -> None:  # type: ignore[no-untyped-def]
    page.goto("/search?q=oak+city")
    assert page.get_by_text("Oak City Youth Haven (demo)").is_visible()
    page.get_by_label("Find a place, an organization or a contact by name").fill("Simone")
    page.get_by_label("Find a place, an organization or a contact by name").press("Enter")
    page.wait_for_url(re.compile(r"q=Simone"))
    assert page.get_by_role("heading", name=re.compile("Contacts")).is_visible()
    assert page.get_by_text("Simone Batts").is_visible()
    snap(page, "09-search-contact")
