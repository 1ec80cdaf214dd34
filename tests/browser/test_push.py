"""The "notify me" control in a real Chromium: it appears on a district page, a click (with the
permission granted) registers our service worker at the site's root, and whatever the browser's
push service answers, the page says what happened in the reader's language without a script error.

Chromium refuses the Push API in Playwright's browser contexts (incognito), and would otherwise
subscribe through Google's push service (FCM), which this machine cannot reach; it has no switch
to point it at another push service. So the page's failure message is what this test sees (the
success path is accepted too, where a browser can subscribe); the subscription itself,
its encryption and the portal's sending are tested against a local push service in
tests/follow/test_push.py.
"""

SUBSCRIBED = "Fatto: questo dispositivo riceverà le notifiche."
FAILED = "Il browser non è riuscito ad attivare le notifiche."
INCOGNITO = "does not support the Push API in incognito mode"


def test_notify_me_registers_the_service_worker_and_answers_clearly(open_page, portal):
    page = open_page(locale="it-IT")
    page.context.grant_permissions(["notifications"], origin=portal.url)
    page.goto("/it/san-salvario/")

    control = page.locator("[data-notify-me]")
    assert control.is_visible(), "no notify-me control on the district page"
    assert control.get_attribute("data-public-key")
    button = control.get_by_role("button", name="Avvisami")
    assert page.evaluate("() => navigator.serviceWorker.controller === null")
    button.click()

    status = control.locator("[data-notify-status]")
    page.wait_for_function(
        "([done, failed]) => { const text = document.querySelector('[data-notify-status]').textContent;"
        " return text === done || text.startsWith(failed); }",
        arg=[SUBSCRIBED, FAILED],
        timeout=30_000,
    )
    scope = page.evaluate("async () => (await navigator.serviceWorker.getRegistration('/sw.js') || {}).scope")
    assert scope == f"{portal.url}/"
    assert any(worker.url == f"{portal.url}/sw.js" for worker in page.context.service_workers)
    if status.inner_text() == SUBSCRIBED:
        assert button.inner_text() == "Interrompi le notifiche"
    else:
        assert button.is_enabled() and button.inner_text() == "Avvisami"
    # Chromium's own note that a browser context of Playwright (incognito) has no Push API.
    problems = [line for line in open_page.problems.messages if INCOGNITO not in line]
    assert not problems, problems
