"""What's new, as issue 17 will be checked: on a phone, in Italian and in Arabic, the home page and
each district's page show the current urgent notice at the top and the latest news, in the
reader's language, and the news lead to the news pages of that language."""

import re

import pytest

from .public_pages import alternates

PHONE = {"width": 390, "height": 844}
DISTRICTS = ("/it/san-salvario/", "/it/barriera-di-milano/", "/it/mirafiori-sud/")
ARABIC = re.compile(r"[\u0600-\u06FF]")


def in_language(text, language):
    """Arabic text has Arabic letters; the demo's Italian never has."""
    return bool(ARABIC.search(text)) == (language == "ar")


def whats_new(page):
    """The urgent banner and the news section of the page open in `page`, as a reader sees them."""
    banner = page.locator(".notices--banner")
    assert banner.count() == 1, f"{page.url}: no urgent banner"
    assert banner.is_visible()
    box = banner.bounding_box()
    assert box["y"] < PHONE["height"], f"{page.url}: the urgent banner is below the first screen"
    titles = banner.locator(".notice__title").all_inner_texts()
    news = page.locator("section[aria-labelledby='news-heading']")
    assert news.is_visible(), f"{page.url}: no news"
    links = news.locator(".cards--news a")
    return titles, links


@pytest.mark.parametrize("language", ["it", "ar"])
def test_the_urgent_notice_and_the_latest_news_on_a_phone(open_page, portal, language):
    page = open_page(locale={"it": "it-IT", "ar": "ar"}[language], **PHONE)
    home = alternates(portal.url, "/it/")[language]
    page.goto(home)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    home_titles, links = whats_new(page)
    assert links.count() >= 3
    assert all(in_language(title, language) for title in home_titles), home_titles

    for italian in DISTRICTS:
        path = alternates(portal.url, italian)[language]
        page.goto(path)
        titles, links = whats_new(page)
        # The district's own urgent notice, which the home page shows too.
        assert set(titles) & set(home_titles), (path, titles, home_titles)
        assert all(in_language(title, language) for title in titles), titles
        assert links.count() >= 3, path
        first = links.first
        headline = first.inner_text()
        assert in_language(headline, language), headline
        first.click()
        page.wait_for_load_state()
        assert page.url.startswith(f"{portal.url}/{language}/"), page.url
        assert page.locator("h1").inner_text().strip(), page.url
    assert not open_page.problems.messages, open_page.problems.messages
