"""The portal as the browser tests serve it: the production WSGI application, with the media
folder served by WhiteNoise. In production media live on S3-compatible storage (or behind the
web server); here the demo's pictures must reach the browser so pages weigh what they weigh."""

from django.conf import settings
from whitenoise import WhiteNoise

from portal.wsgi import application as portal_application

application = WhiteNoise(
    portal_application,
    root=str(settings.MEDIA_ROOT),
    prefix=settings.MEDIA_URL,
    autorefresh=True,  # renditions are made while the tests run
)
