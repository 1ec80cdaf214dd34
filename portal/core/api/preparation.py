"""The per-type preparation of listed pages: each content app registers, for its page types, a
function that loads in bulk what the requested fields need (see portal/api/pages.py)."""

# page model -> func(pages, preparation); a model inherits its nearest registered ancestor's.
PREPARERS = {}


def preparer(*models):
    """Register `func(pages, preparation)` to prepare listed pages of `models` in bulk."""

    def register(func):
        for model in models:
            PREPARERS[model] = func
        return func

    return register


class Preparation:
    """What a preparer needs: the request, the fields being serialised, the shared directory."""

    def __init__(self, view, fields):
        self.view = view
        self.request = view.request
        self.fields = set(fields)

    @property
    def directory(self):
        return self.view.directory

    def wants(self, *names):
        return any(name in self.fields for name in names)
