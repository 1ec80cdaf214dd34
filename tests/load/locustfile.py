"""Locust scenario for `make load`: a resident's mix of pages, a search and the app's API."""

from locust import FastHttpUser, constant, task

PAGES = {
    "home": "/it/",
    "district": "/it/san-salvario/",
    "calendar": "/it/cosa-succede/",
    "initiative": "/it/san-salvario/sportello-di-ascolto/",
    "event": "/it/san-salvario/repair-cafe/",
    "search": "/it/search/?q=corso",
    "api pages": "/api/v2/pages/?type=initiatives.EventPage&fields=*&locale=it",
    "api occurrences": "/api/v2/occurrences/?locale=it",
}


class Resident(FastHttpUser):
    wait_time = constant(0)

    def _get(self, name):
        with self.client.get(PAGES[name], name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{name}: HTTP {response.status_code}")

    @task(3)
    def home(self):
        self._get("home")

    @task(2)
    def district(self):
        self._get("district")

    @task(2)
    def calendar(self):
        self._get("calendar")

    @task(1)
    def initiative(self):
        self._get("initiative")

    @task(2)
    def event(self):
        self._get("event")

    @task(1)
    def search(self):
        self._get("search")

    @task(1)
    def api_pages(self):
        self._get("api pages")

    @task(1)
    def api_occurrences(self):
        self._get("api occurrences")
